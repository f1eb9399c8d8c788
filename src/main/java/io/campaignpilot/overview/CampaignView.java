package io.campaignpilot.overview;

import io.campaignpilot.audience.AudienceTargeting;
import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.generation.ChannelVariant;
import io.campaignpilot.generation.GenerationSummary;
import io.campaignpilot.generation.VariantStore;
import io.campaignpilot.knowledge.GroundingSource;
import io.campaignpilot.measurement.Measurement;
import io.campaignpilot.policy.PolicyDecision;
import io.campaignpilot.review.ReviewDecision;

import java.util.List;
import java.util.Map;

/**
 * Everything GET /api/campaigns/{id} answers: where the campaign stands and the evidence behind it, down to every
 * model call (prompt, parameters, raw answer, tokens, cost) that produced its copy. Deliveries are counted per
 * channel, and per channel and status (PENDING and SENDING while dispatching; SENT, QUEUED, SKIPPED, BOUNCED, UNKNOWN).
 * {@code targeting} says how the audience was chosen: the propensity model's version and holdout AUC, or the rule and
 * why (null before the audience is selected).
 */
public record CampaignView(Campaign campaign, List<String> stage, List<String> incidents, List<ChannelVariant> variants,
                           List<GroundingSource> sources, List<PolicyDecision> policyDecisions,
                           List<ReviewDecision> reviewDecisions, Map<String, Long> deliveriesByChannel,
                           Map<String, Map<String, Long>> deliveryStatusByChannel,
                           Measurement measurement, List<AuditLog.Entry> audit, GenerationSummary generation,
                           List<VariantStore.StoredCall> generationCalls, AudienceTargeting targeting) {
}
