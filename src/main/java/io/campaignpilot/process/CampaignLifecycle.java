package io.campaignpilot.process;

import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignMetrics;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.campaign.CampaignStatus;
import io.campaignpilot.engine.ProcessNames;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import java.util.Map;

/** End-event listener: records the named terminal state and why the campaign got there. */
@Component("campaignLifecycle")
public class CampaignLifecycle {
    private final CampaignRepository campaigns;
    private final AuditLog audit;
    private final CampaignMetrics metrics;

    public CampaignLifecycle(CampaignRepository campaigns, AuditLog audit, CampaignMetrics metrics) {
        this.campaigns = campaigns;
        this.audit = audit;
        this.metrics = metrics;
    }

    public void ended(DelegateExecution execution, String status) {
        CampaignStatus end = CampaignStatus.valueOf(status);
        String reason = switch (end) {
            case PUBLISHED -> "published to " + Vars.string(execution, ProcessNames.APPROVED_CHANNELS);
            case REJECTED -> "rejected in review: " + Vars.string(execution, ProcessNames.REVIEW_COMMENT);
            case NOT_VIABLE -> "REJECTED".equals(Vars.string(execution, ProcessNames.REVIEW_OUTCOME)) ? "rejected"
                    : "BLOCKED".equals(Vars.string(execution, ProcessNames.RISK_TIER))
                    ? "still blocked by rules after " + Vars.integer(execution, ProcessNames.GENERATION_ROUND, 0)
                      + " generation rounds"
                    : "changes still requested after " + Vars.integer(execution, ProcessNames.GENERATION_ROUND, 0)
                      + " generation rounds";
            case WITHDRAWN -> execution.getVariable(ProcessNames.WITHDRAW_REASON) != null
                    ? Vars.string(execution, ProcessNames.WITHDRAW_REASON)
                    : "approval went stale before publishing: " + Vars.string(execution, ProcessNames.PRE_PUBLISH_REASON);
            case RUNNING -> throw new IllegalArgumentException("RUNNING is not an end state");
        };
        String campaignId = Vars.campaignId(execution);
        Campaign running = campaigns.find(campaignId).orElseThrow(() -> new IllegalStateException("no campaign " + campaignId));
        if (campaigns.end(campaignId, end, reason)) {
            metrics.ended(running, end);
        }
        audit.record(campaignId, "process", "CAMPAIGN_ENDED", Map.of("status", end.name(), "reason", reason));
    }
}
