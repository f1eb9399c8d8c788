package io.campaignpilot.review;

import io.campaignpilot.campaign.Channel;
import io.campaignpilot.generation.ChannelVariant;
import io.campaignpilot.policy.Finding;
import io.campaignpilot.policy.PolicyService;
import io.campaignpilot.policy.RiskTier;
import io.campaignpilot.policy.Severity;
import io.campaignpilot.web.FieldError;
import io.campaignpilot.web.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A reviewer's edits: which are well-formed, and when the rules' judgement of the edited copy refuses them. */
class ReviewEditsTest {
    private static final List<ChannelVariant> CURRENT = List.of(
            new ChannelVariant(Channel.EMAIL, 1, Map.of("subject", "Tents", "body", "Pitch fast"), List.of(1), "grounded", null, null),
            new ChannelVariant(Channel.SMS, 1, Map.of("text", "Tents 20% off"), List.of(1), "grounded", null, null));

    @Test
    void editsBecomeNewFieldValuesPerVariant() {
        var changes = ReviewEdits.changes(List.of(
                new ReviewEdits.Edit(Channel.EMAIL, 1, "subject", "  Tents for the weekend "),
                new ReviewEdits.Edit(Channel.EMAIL, 1, "body", "Pitch in five minutes"),
                new ReviewEdits.Edit(Channel.SMS, 1, "text", "Tents 20% off today")), CURRENT);
        assertThat(changes).containsOnlyKeys("email#1", "sms#1");
        assertThat(changes.get("email#1")).containsExactly(Map.entry("subject", "Tents for the weekend"),
                Map.entry("body", "Pitch in five minutes"));
    }

    @Test
    void everyMalformedEditIsNamedAtOnce() {
        assertThatThrownBy(() -> ReviewEdits.changes(List.of(
                new ReviewEdits.Edit(Channel.PUSH, 1, "title", "Hi"),
                new ReviewEdits.Edit(Channel.EMAIL, 2, "subject", "Hi"),
                new ReviewEdits.Edit(Channel.SMS, 1, "subject", "Hi"),
                new ReviewEdits.Edit(Channel.EMAIL, 1, "body", "  ")), CURRENT))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).errors()).containsExactly(
                        new FieldError("edits[0]", "the campaign has no push variant #1"),
                        new FieldError("edits[1]", "the campaign has no email variant #2"),
                        new FieldError("edits[2].field", "subject is not a sms field; it has [text]"),
                        new FieldError("edits[3].value", "must not be empty")));
        assertThatThrownBy(() -> ReviewEdits.changes(List.of(), CURRENT))
                .satisfies(e -> assertThat(((InvalidInputException) e).errors())
                        .containsExactly(new FieldError("edits", "at least one edit is required")));
    }

    @Test
    void blockedCopyOrAHigherTierIsRefusedAndTheSameTierOrLowerIsNot() {
        Finding block = new Finding("CLAIM_UNAPPROVED", Severity.BLOCK, "\"cures colds\" is not an approved claim",
                "truth-in-copy", "email", "cures colds");
        Finding warn = new Finding("LONG_SUBJECT", Severity.REVIEW_MARKETING, "subject is long", "channel-limits", "email", null);

        assertThat(ReviewEdits.refusal(outcome(RiskTier.MEDIUM, block, warn), RiskTier.MEDIUM))
                .isEqualTo("the rules block the edited copy: \"cures colds\" is not an approved claim");
        assertThat(ReviewEdits.refusal(outcome(RiskTier.HIGH, warn), RiskTier.MEDIUM))
                .isEqualTo("the edit raises the risk tier from MEDIUM to HIGH, which needs another review: request changes instead");
        assertThat(ReviewEdits.refusal(outcome(RiskTier.MEDIUM, warn), RiskTier.MEDIUM)).isNull();
        assertThat(ReviewEdits.refusal(outcome(RiskTier.LOW), RiskTier.HIGH)).isNull();
    }

    private static PolicyService.Outcome outcome(RiskTier tier, Finding... findings) {
        return new PolicyService.Outcome(tier, List.of(findings), List.of(Channel.EMAIL), "test-rules");
    }
}
