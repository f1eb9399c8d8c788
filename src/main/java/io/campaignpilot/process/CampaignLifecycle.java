package io.campaignpilot.process;

import io.campaignpilot.campaign.CampaignEnding;
import io.campaignpilot.campaign.CampaignStatus;
import io.campaignpilot.engine.ProcessNames;
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
                Vars.string(execution, ProcessNames.APPROVED_CHANNELS), Vars.string(execution, ProcessNames.REVIEW_OUTCOME),
                Vars.string(execution, ProcessNames.REVIEW_COMMENT), Vars.string(execution, ProcessNames.RISK_TIER),
                Vars.integer(execution, ProcessNames.GENERATION_ROUND, 0),
                Vars.string(execution, ProcessNames.WITHDRAW_REASON),
                Vars.string(execution, ProcessNames.PRE_PUBLISH_REASON)));
    }
}
