package io.campaignpilot.results;

import io.campaignpilot.campaign.CampaignStatus;

import java.time.Instant;
import java.util.List;

/**
 * A campaign as the results list shows it: what it is, where it stands and its headline result. Channels are their
 * keys (email, sms, push, web, social), as in the measurement's slices.
 */
public record ResultSummary(String id, String title, CampaignStatus status, String tier, String triggerType, String region,
                            String category, int discountPercent, List<String> channels, Instant createdAt,
                            Instant endedAt, Headline headline) {

    /**
     * The campaign's result in brief.
     *
     * @param state              NOT_SCHEDULED (not published, so nothing is measured), WINDOW_OPEN (purchases still
     *                           count until {@code windowEndsAt}), AWAITING_MEASUREMENT (the window has closed and the
     *                           measurement is due) or MEASURED
     * @param verdict            LIFT, DROP, NO_EFFECT_SHOWN or NO_VERDICT (with {@code warning} saying why); null
     *                           until measured
     * @param conversionLift     relative lift of the conversion rate, treatment over holdout (0.25 = +25 %)
     * @param revenuePerCustomer revenue per treatment customer above the holdout's (incremental revenue / treatment size)
     * @param incrementalRevenue over the whole treatment arm
     * @param contribution       the incremental contribution after discount, send and model costs
     */
    public record Headline(String state, Instant windowStartsAt, Instant windowEndsAt, Instant measuredAt, String verdict,
                           String warning, Estimate conversionLift, Estimate revenuePerCustomer,
                           Estimate incrementalRevenue, Estimate contribution) {
    }
}
