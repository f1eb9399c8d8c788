package io.campaignpilot.process;

import io.campaignpilot.audience.AudienceSummary;
import io.campaignpilot.audience.Audiences;
import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.engine.ProcessNames;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.Map;

@Component("selectAudience")
public class SelectAudience implements JavaDelegate {
    private final CampaignRepository campaigns;
    private final Audiences audiences;
    private final AuditLog audit;

    public SelectAudience(CampaignRepository campaigns, Audiences audiences, AuditLog audit) {
        this.campaigns = campaigns;
        this.audiences = audiences;
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String id = Vars.campaignId(execution);
        Campaign c = campaigns.find(id).orElseThrow();
        AudienceSummary summary = audiences.select(id, c.region(), c.segment());
        execution.setVariable(ProcessNames.AUDIENCE_TREATMENT, summary.treatment());
        execution.setVariable(ProcessNames.AUDIENCE_HOLDOUT, summary.holdout());
        audit.record(id, "audience", "AUDIENCE_SELECTED", Map.of("treatment", summary.treatment(),
                "holdout", summary.holdout(), "consentedByChannel", summary.consentedByChannel(), "cappedByChannel", summary.cappedByChannel()));
    }
}
