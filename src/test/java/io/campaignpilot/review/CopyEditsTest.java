package io.campaignpilot.review;

import io.campaignpilot.campaign.Channel;
import io.campaignpilot.web.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The review form's "Edit copy" box, as a reviewer types it. */
class CopyEditsTest {

    @Test
    void oneFieldPerLineAndFollowingLinesContinueTheFieldAbove() {
        var edits = CopyEdits.parse("""
                email #1 subject: Tents for the long weekend
                email #1 body: Pitch in five minutes.
                Sleeps four.

                sms #2 text:  Tents 20% off this weekend
                """);
        assertThat(edits).containsExactly(
                new ReviewEdits.Edit(Channel.EMAIL, 1, "subject", "Tents for the long weekend"),
                new ReviewEdits.Edit(Channel.EMAIL, 1, "body", "Pitch in five minutes.\nSleeps four."),
                new ReviewEdits.Edit(Channel.SMS, 2, "text", "Tents 20% off this weekend"));
    }

    @Test
    void aLineThatLooksLikeAFieldButNamesNoChannelBelongsToTheFieldAbove() {
        var edits = CopyEdits.parse("web #1 body: Our guide\nstep #2 pitch: pick flat ground");
        assertThat(edits).containsExactly(new ReviewEdits.Edit(Channel.WEB, 1, "body", "Our guide\nstep #2 pitch: pick flat ground"));
    }

    @Test
    void anEmptyBoxIsNoEdit() {
        assertThat(CopyEdits.parse(null)).isEmpty();
        assertThat(CopyEdits.parse("  \n ")).isEmpty();
    }

    @Test
    void textBeforeTheFirstFieldIsRefusedNamingItsLine() {
        assertThatThrownBy(() -> CopyEdits.parse("\nplease make it shorter\nemail #1 subject: Hi"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).errors().getFirst().reason())
                        .startsWith("line 2 must start with a channel"));
    }
}
