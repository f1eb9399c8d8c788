package io.campaignpilot.campaign;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reason a person reads for each way a campaign can end. */
class CampaignEndingTest {
    private static final CampaignEnding.Facts NONE = new CampaignEnding.Facts(null, null, null, null, 0, null, null);

    @Test
    void publishedNamesTheChannels() {
        assertThat(CampaignEnding.reason(CampaignStatus.PUBLISHED, facts("email,sms", null, null, null, 1, null, null)))
                .isEqualTo("published to email,sms");
    }

    @Test
    void rejectedQuotesTheReviewer() {
        assertThat(CampaignEnding.reason(CampaignStatus.REJECTED, facts(null, "REJECTED", "claims not approved", "HIGH", 1,
                null, null))).isEqualTo("rejected in review: claims not approved");
    }

    @Test
    void notViableSaysWhetherTheRulesOrTheReviewersStoppedItAfterHowManyRounds() {
        assertThat(CampaignEnding.reason(CampaignStatus.NOT_VIABLE, facts(null, null, null, "BLOCKED", 3, null, null)))
                .isEqualTo("still blocked by rules after 3 generation rounds");
        assertThat(CampaignEnding.reason(CampaignStatus.NOT_VIABLE, facts(null, "CHANGES_REQUESTED", null, "MEDIUM", 3,
                null, null))).isEqualTo("changes still requested after 3 generation rounds");
        assertThat(CampaignEnding.reason(CampaignStatus.NOT_VIABLE, facts(null, "REJECTED", null, "MEDIUM", 2, null, null)))
                .isEqualTo("rejected");
    }

    @Test
    void withdrawnByAPersonOrByAStaleApproval() {
        assertThat(CampaignEnding.reason(CampaignStatus.WITHDRAWN, facts(null, null, null, null, 1,
                "withdrawn by mary: wrong week", "ignored"))).isEqualTo("withdrawn by mary: wrong week");
        assertThat(CampaignEnding.reason(CampaignStatus.WITHDRAWN, facts(null, null, null, null, 1, null,
                "TENT-1 is no longer in the catalog"))).isEqualTo("approval went stale before publishing: TENT-1 is no longer in the catalog");
    }

    @Test
    void runningIsNoEnd() {
        assertThatThrownBy(() -> CampaignEnding.reason(CampaignStatus.RUNNING, NONE)).isInstanceOf(IllegalArgumentException.class);
    }

    private static CampaignEnding.Facts facts(String channels, String outcome, String comment, String tier, int rounds,
                                              String withdrawReason, String prePublishReason) {
        return new CampaignEnding.Facts(channels, outcome, comment, tier, rounds, withdrawReason, prePublishReason);
    }
}
