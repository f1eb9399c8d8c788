package io.campaignpilot.overview;

import io.campaignpilot.audit.AuditChain;
import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.generation.ChannelVariant;
import io.campaignpilot.knowledge.GroundingSource;
import io.campaignpilot.measurement.Measurement;
import io.campaignpilot.policy.PolicyDecision;
import io.campaignpilot.review.ReviewDecision;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A campaign's audit package, what an auditor takes away: the campaign as registered, the check of its hash-chained
 * trail (with the head to keep outside the database), the evidence timeline in the order things happened, and the
 * evidence itself (sources with versions, every model call, variants as they went out, rule and review decisions,
 * deliveries counted per channel and status, the measurement, the trail). No personal data: deliveries are counts,
 * and any address a trail entry quotes is masked.
 */
public record AuditPackage(Instant exportedAt, String exportedBy, Campaign campaign, AuditChain.Verification verification,
                           List<TimelineEvent> timeline, List<GroundingSource> sources, List<ModelCall> modelCalls,
                           List<ChannelVariant> variants, List<PolicyDecision> ruleDecisions,
                           List<ReviewDecision> reviewDecisions, Map<String, Map<String, Long>> deliveriesByChannelAndStatus,
                           Measurement measurement, List<AuditLog.Entry> auditTrail) {

    /**
     * One thing that happened: when, what kind of thing (Trigger, Audience, Sources, Model call, Variant, Edit,
     * Rule decision, Review, Delivery, Measurement, Learning, Withdrawal, End, ...), who or which part of the system
     * did it, a sentence in business words, and the particulars.
     */
    public record TimelineEvent(Instant at, String kind, String actor, String summary, Map<String, Object> details) {
    }

    /** One model call (or one run of the grounded generator) behind a variant, as the audit keeps it. */
    public record ModelCall(Instant at, String channel, int round, int variantNo, String generator, String attempt,
                            String model, String promptVersion, Map<String, Object> parameters, String prompt,
                            String response, Integer promptTokens, Integer completionTokens, long latencyMs, int retries,
                            boolean cacheHit, java.math.BigDecimal cost, String outcome, String error) {
    }
}
