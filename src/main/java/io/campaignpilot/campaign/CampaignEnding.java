package io.campaignpilot.campaign;

import io.campaignpilot.audit.AuditLog;
import org.springframework.stereotype.Component;

import java.util.Map;

/** Ends a campaign in its named terminal state, with the reason people read in the API, Cockpit and the audit trail. */
@Component
public class CampaignEnding {
    /** What the process knows when the campaign ends; each field may be null where the path never set it. */
    public record Facts(String approvedChannels, String reviewOutcome, String reviewComment, String riskTier,
                        int generationRounds, String withdrawReason, String prePublishReason) {
    }

    private final CampaignRepository campaigns;
    private final AuditLog audit;
    private final CampaignMetrics metrics;

    public CampaignEnding(CampaignRepository campaigns, AuditLog audit, CampaignMetrics metrics) {
        this.campaigns = campaigns;
        this.audit = audit;
        this.metrics = metrics;
    }

    /** Ends it once: a repeated end (a retried listener) changes nothing and is not counted twice. */
    public void end(String campaignId, CampaignStatus end, Facts facts) {
        String reason = reason(end, facts);
        Campaign running = campaigns.find(campaignId)
                .orElseThrow(() -> new IllegalStateException("no campaign " + campaignId));
        if (campaigns.end(campaignId, end, reason)) {
            metrics.ended(running, end);
        }
        audit.record(campaignId, "process", "CAMPAIGN_ENDED", Map.of("status", end.name(), "reason", reason));
    }

    static String reason(CampaignStatus end, Facts facts) {
        return switch (end) {
            case PUBLISHED -> "published to " + facts.approvedChannels();
            case REJECTED -> "rejected in review: " + facts.reviewComment();
            case NOT_VIABLE -> "REJECTED".equals(facts.reviewOutcome()) ? "rejected"
                    : "BLOCKED".equals(facts.riskTier())
                    ? "still blocked by rules after " + facts.generationRounds() + " generation rounds"
                    : "changes still requested after " + facts.generationRounds() + " generation rounds";
            case WITHDRAWN -> facts.withdrawReason() != null ? facts.withdrawReason()
                    : "approval went stale before publishing: " + facts.prePublishReason();
            case RUNNING -> throw new IllegalArgumentException("RUNNING is not an end state");
        };
    }
}
