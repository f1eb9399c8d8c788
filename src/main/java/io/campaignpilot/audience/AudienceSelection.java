package io.campaignpilot.audience;

import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.targeting.ExpectedValues;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Selects a campaign's audience and holdout from its region and segment (or the customers its trigger named), leaving out the global control group of the
 * period; where a propensity model exists for the offer's category, only customers whose expected value reaches the
 * floor, and a customer other running campaigns also want goes to the one with the highest expected value. The sizes,
 * the period, the model (version and holdout AUC) or the rule used, and the arbitration go into the audit trail.
 */
@Component
public class AudienceSelection {
    private final CampaignRepository campaigns;
    private final Audiences audiences;
    private final AuditLog audit;
    private final ControlGroup controlGroup;
    private final ExpectedValues expectedValues;
    private final Arbitration arbitration;

    public AudienceSelection(CampaignRepository campaigns, Audiences audiences, AuditLog audit, ControlGroup controlGroup,
                             ExpectedValues expectedValues, Arbitration arbitration) {
        this.campaigns = campaigns;
        this.audiences = audiences;
        this.audit = audit;
        this.controlGroup = controlGroup;
        this.expectedValues = expectedValues;
        this.arbitration = arbitration;
    }

    public AudienceSummary select(String campaignId) {
        Campaign c = campaigns.find(campaignId).orElseThrow(() -> new IllegalStateException("no campaign " + campaignId));
        ControlGroup.Period period = controlGroup.current();
        int named = audiences.namedCount(campaignId);
        // a trigger that names its customers (a loyalty milestone) has chosen them: no model narrows or arbitrates them
        ExpectedValues.Ranking ranking = named > 0
                ? expectedValues.named(named)
                : expectedValues.rank(c.category(), c.skus(), c.discountPercent(), c.region(), c.segment());
        AudienceSummary selected = audiences.select(campaignId, c.region(), c.segment(), period::holdsBack, ranking.values(),
                ranking.floor());
        Arbitration.Outcome arbitrated = arbitration.arbitrate(campaignId, c.region());
        AudienceSummary summary = arbitrated.contested() == 0 ? selected : audiences.summary(campaignId);

        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("treatment", summary.treatment());
        detail.put("holdout", summary.holdout());
        detail.put("consentedByChannel", summary.consentedByChannel());
        detail.put("cappedByChannel", summary.cappedByChannel());
        detail.put("controlGroupPeriod", period.id());
        detail.put("targeting", named > 0 ? "NAMED" : ranking.byModel() ? "EXPECTED_VALUE" : "RULE");
        detail.put("targetingBasis", ranking.basis());
        ranking.model().ifPresent(model -> {
            detail.put("propensityModelVersion", model.version());
            detail.put("propensityModelAuc", model.auc());
            detail.put("propensityCategory", model.category());
            detail.put("expectedValueFloor", ranking.floor());
            detail.put("candidates", ranking.values().size());
            detail.put("belowFloor", ranking.values().size() - ranking.aboveFloor());
        });
        detail.put("arbitratedAway", arbitrated.arbitratedAway());
        detail.put("wonFromOtherCampaigns", arbitrated.wonFrom());
        audit.record(campaignId, "audience", "AUDIENCE_SELECTED", detail);
        audiences.recordTargeting(campaignId, (String) detail.get("targeting"), ranking.basis(),
                ranking.model().map(m -> m.version()).orElse(null), ranking.model().map(m -> m.auc()).orElse(null),
                ranking.byModel() ? ranking.floor() : null);
        arbitrated.wonFrom().forEach((loser, customers) -> audit.record(loser, "audience", "AUDIENCE_ARBITRATED",
                Map.of("arbitratedAway", customers, "to", campaignId,
                        "reason", "campaign " + campaignId + " has the higher expected value for them")));
        return summary;
    }
}
