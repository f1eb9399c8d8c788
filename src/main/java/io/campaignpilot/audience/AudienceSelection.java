package io.campaignpilot.audience;

import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignRepository;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Selects a campaign's audience and holdout from its region and segment, leaving out the global control group of the
 * period, and keeps the sizes (and the period) in its audit trail.
 */
@Component
public class AudienceSelection {
    private final CampaignRepository campaigns;
    private final Audiences audiences;
    private final AuditLog audit;
    private final ControlGroup controlGroup;

    public AudienceSelection(CampaignRepository campaigns, Audiences audiences, AuditLog audit, ControlGroup controlGroup) {
        this.campaigns = campaigns;
        this.audiences = audiences;
        this.audit = audit;
        this.controlGroup = controlGroup;
    }

    public AudienceSummary select(String campaignId) {
        Campaign c = campaigns.find(campaignId).orElseThrow(() -> new IllegalStateException("no campaign " + campaignId));
        ControlGroup.Period period = controlGroup.current();
        AudienceSummary summary = audiences.select(campaignId, c.region(), c.segment(), period::holdsBack);
        audit.record(campaignId, "audience", "AUDIENCE_SELECTED", Map.of("treatment", summary.treatment(),
                "holdout", summary.holdout(), "consentedByChannel", summary.consentedByChannel(),
                "cappedByChannel", summary.cappedByChannel(), "controlGroupPeriod", period.id()));
        return summary;
    }
}
