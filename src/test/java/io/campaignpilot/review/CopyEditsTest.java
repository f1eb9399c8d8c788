package io.campaignpilot.review;

import io.campaignpilot.campaign.Channel;
import io.campaignpilot.engine.ProcessNames;
import io.campaignpilot.generation.ChannelVariant;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The review form's per-field edit inputs, prefilled with the copy: what a reviewer changed is an edit, nothing else. */
class CopyEditsTest {
    private static final List<ChannelVariant> COPY = List.of(
            new ChannelVariant(Channel.EMAIL, 1, Map.of("subject", "Tents", "body", "Pitch fast"), List.of(1), "grounded", null, null),
            new ChannelVariant(Channel.EMAIL, 2, Map.of("subject", "Tents B"), List.of(1), "grounded", null, null),
            new ChannelVariant(Channel.SMS, 1, Map.of("text", "Tents 20% off"), List.of(1), "grounded", null, null));

    @Test
    void theInputsAreTheFormsKeysAndCoverEveryFieldOfEveryChannel() {
        assertThat(CopyEdits.inputKey(Channel.EMAIL, "callToAction")).isEqualTo(ProcessNames.EDIT_EMAIL_CALL_TO_ACTION);
        assertThat(CopyEdits.inputKey(Channel.SOCIAL, "primaryText")).isEqualTo(ProcessNames.EDIT_SOCIAL_PRIMARY_TEXT);
        assertThat(CopyEdits.inputKeys()).hasSize(12).contains(ProcessNames.EDIT_SMS_TEXT, ProcessNames.EDIT_WEB_BODY);
    }

    @Test
    void theFirstVariantOfEachChannelPrefillsItsInputs() {
        assertThat(CopyEdits.prefill(COPY)).containsOnly(Map.entry("reviewChannels", "email,sms"),
                Map.entry("editEmailSubject", "Tents"),
                Map.entry("editEmailBody", "Pitch fast"), Map.entry("editSmsText", "Tents 20% off"));
    }

    @Test
    void onlyAChangedInputIsAnEdit() {
        Map<String, Object> shown = CopyEdits.prefill(COPY);
        Map<String, Object> submitted = new HashMap<>(shown);
        submitted.put("editEmailSubject", "Tents for the long weekend");
        submitted.put("editEmailBody", "Pitch fast  "); // trailing space only: no edit
        submitted.put("marketingDecision", "approve");
        assertThat(CopyEdits.fromForm(submitted, shown))
                .containsExactly(new ReviewEdits.Edit(Channel.EMAIL, 1, "subject", "Tents for the long weekend"));
        assertThat(CopyEdits.fromForm(shown, shown)).isEmpty();
    }

    @Test
    void anInputForACopyNotShownOrAClearedOneIsStillAnEditForTheChecksToRefuse() {
        Map<String, Object> shown = CopyEdits.prefill(COPY);
        assertThat(CopyEdits.fromForm(Map.of("editPushTitle", "Hi", "editSmsText", ""), shown)).containsExactly(
                new ReviewEdits.Edit(Channel.SMS, 1, "text", ""),
                new ReviewEdits.Edit(Channel.PUSH, 1, "title", "Hi"));
    }
}
