package io.campaignpilot.review;

import org.springframework.stereotype.Component;

/**
 * The LOW tier's approval: no reviewer, recorded as the system's decision. A fixed share of campaigns, chosen by
 * campaign id so the choice is the same on every node and retry, is sampled for a person to read after the fact.
 */
@Component
public class AutoApproval {
    static final String REVIEW = "auto-approval";

    private final ReviewDecisions decisions;
    private final ReviewProperties properties;

    public AutoApproval(ReviewDecisions decisions, ReviewProperties properties) {
        this.decisions = decisions;
        this.properties = properties;
    }

    /** Records the approval of the round's copy; true when the campaign is sampled for after-the-fact review. */
    public boolean approve(String campaignId, int round) {
        boolean sampled = sampled(campaignId);
        decisions.record(campaignId, round, REVIEW, "system", "approve",
                sampled ? "LOW tier, auto-approved; sampled for after-the-fact review" : "LOW tier, auto-approved");
        return sampled;
    }

    boolean sampled(String campaignId) {
        return Math.floorMod(campaignId.hashCode(), 100) < properties.lowTierSamplePercent();
    }
}
