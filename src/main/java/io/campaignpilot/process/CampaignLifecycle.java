package io.campaignpilot.process;

import io.campaignpilot.campaign.CampaignEnding;
import io.campaignpilot.campaign.CampaignStatus;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** End-event listener: records the named terminal state and why the campaign got there. */
@Component("campaignLifecycle")
public class CampaignLifecycle {
    private final CampaignEnding ending;

    public CampaignLifecycle(CampaignEnding ending) {
        this.ending = ending;
    }

    public void ended(DelegateExecution execution, String status) {
        ending.end(Vars.campaignId(execution), CampaignStatus.valueOf(status), new CampaignEnding.Facts(
                Vars.string(execution, "approvedChannels"), Vars.string(execution, "reviewOutcome"),
                Vars.string(execution, "reviewComment"), Vars.string(execution, "riskTier"),
                Vars.integer(execution, "generationRound", 0), Vars.string(execution, "withdrawReason"),
                Vars.string(execution, "prePublishReason")));
    }
}
