package io.campaignpilot.process;

import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.generation.VariantStore;
import io.campaignpilot.review.ReviewDecisions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The gateways' view of a campaign: the tier stored with the policy decision and the review decisions recorded for
 * the copy under review, read from our tables by the process's business key. Never a process variable, which anyone
 * completing a task could try to send.
 */
@Component("reviewRoute")
public class ReviewRoute {
    private final CampaignRepository campaigns;
    private final ReviewDecisions decisions;
    private final VariantStore variants;

    public ReviewRoute(CampaignRepository campaigns, ReviewDecisions decisions, VariantStore variants) {
        this.campaigns = campaigns;
        this.decisions = decisions;
        this.variants = variants;
    }

    /** LOW, MEDIUM, HIGH or BLOCKED, as the rules last decided. */
    public String tier(DelegateExecution execution) {
        String id = execution.getProcessBusinessKey();
        Campaign campaign = campaigns.find(id).orElseThrow(() -> new IllegalStateException("no campaign " + id));
        if (campaign.tier() == null) {
            throw new IllegalStateException("campaign " + id + " has no risk tier: its copy has not been checked");
        }
        return campaign.tier();
    }

    public boolean legalReviewRequired(DelegateExecution execution) {
        return "HIGH".equals(tier(execution));
    }

    /**
     * How the review of the copy now under review ended, from the recorded decisions: APPROVED, REJECTED or
     * CHANGES_REQUESTED. A review that ended without the decisions its tier needs (however it was ended) stops here.
     */
    public String outcome(DelegateExecution execution) {
        String id = execution.getProcessBusinessKey();
        int round = variants.latestRound(id);
        return decisions.outcome(id, round, legalReviewRequired(execution)).orElseThrow(() -> new IllegalStateException(
                "campaign " + id + ": the review of round " + round + " ended without the decisions its " + tier(execution)
                        + " tier requires; nothing is published"));
    }
}
