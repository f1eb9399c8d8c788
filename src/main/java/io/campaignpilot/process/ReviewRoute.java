package io.campaignpilot.process;

import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignRepository;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The gateways' view of a campaign's risk tier: the tier stored with the policy decision, read from our tables by the
 * process's business key. Never a process variable, which anyone completing a task could try to send.
 */
@Component("reviewRoute")
public class ReviewRoute {
    private final CampaignRepository campaigns;

    public ReviewRoute(CampaignRepository campaigns) {
        this.campaigns = campaigns;
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
}
