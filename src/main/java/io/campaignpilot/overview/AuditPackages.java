package io.campaignpilot.overview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpilot.audit.AuditChain;
import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.generation.CallRecord;
import io.campaignpilot.generation.VariantStore;
import io.campaignpilot.knowledge.GroundingSource;
import io.campaignpilot.knowledge.GroundingStore;
import io.campaignpilot.measurement.Measurement;
import io.campaignpilot.measurement.MeasurementService;
import io.campaignpilot.personaldata.Addresses;
import io.campaignpilot.policy.PolicyDecision;
import io.campaignpilot.policy.PolicyService;
import io.campaignpilot.publishing.Publishing;
import io.campaignpilot.review.ReviewDecision;
import io.campaignpilot.review.ReviewDecisions;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Puts a campaign's audit package together from the typed evidence (model calls, rule and review decisions, the
 * measurement, delivery counts) and its audit trail, and writes its timeline as CSV. Trail entries that repeat typed
 * evidence (a review decided, a policy checked, the measurement) are told once, from the typed record, which is richer.
 */
@Service
public class AuditPackages {
    /** Trail kinds whose story the typed evidence tells (with more detail), so the timeline tells it once. */
    private static final Set<String> TOLD_BY_TYPED_EVIDENCE = Set.of("CAMPAIGN_REGISTERED", "REVIEW_DECIDED",
            "POLICY_CHECKED", "PRE_PUBLISH_CHECKED", "MEASURED");

    private final CampaignRepository campaigns;
    private final VariantStore variants;
    private final GroundingStore grounding;
    private final PolicyService policy;
    private final ReviewDecisions reviews;
    private final Publishing publishing;
    private final MeasurementService measurement;
    private final AuditLog audit;
    private final AuditChain chain;
    private final ObjectMapper json;

    public AuditPackages(CampaignRepository campaigns, VariantStore variants, GroundingStore grounding, PolicyService policy,
                         ReviewDecisions reviews, Publishing publishing, MeasurementService measurement, AuditLog audit,
                         AuditChain chain, ObjectMapper json) {
        this.campaigns = campaigns;
        this.variants = variants;
        this.grounding = grounding;
        this.policy = policy;
        this.reviews = reviews;
        this.publishing = publishing;
        this.measurement = measurement;
        this.audit = audit;
        this.chain = chain;
        this.json = json;
    }

    public Optional<AuditPackage> of(String campaignId, String exportedBy) {
        return campaigns.find(campaignId).map(c -> {
            // the check first: the package then holds no entry the check has not seen
            AuditChain.Verification verification = chain.verify(campaignId);
            List<AuditLog.Entry> trail = audit.trail(campaignId).stream().map(e -> new AuditLog.Entry(e.id(), e.at(),
                    e.actor(), e.kind(), Addresses.maskAll(e.detail()))).toList();
            List<GroundingSource> sources = grounding.sources(campaignId);
            List<AuditPackage.ModelCall> calls = variants.calls(campaignId).stream().map(AuditPackages::modelCall).toList();
            List<PolicyDecision> rules = policy.decisions(campaignId);
            List<ReviewDecision> decisions = reviews.decisions(campaignId);
            Map<String, Map<String, Long>> deliveries = publishing.countsByChannel(campaignId);
            Measurement measured = measurement.find(campaignId).orElse(null);
            Instant now = Instant.now();

            Timeline timeline = new Timeline();
            timeline.add(trigger(c));
            trail.stream().filter(e -> !TOLD_BY_TYPED_EVIDENCE.contains(e.kind()))
                    .forEach(e -> timeline.add(fromTrail(e, sources)));
            calls.forEach(call -> timeline.add(modelCallEvent(call)));
            rules.forEach(r -> timeline.add(ruleDecision(r)));
            decisions.forEach(d -> timeline.add(reviewDecision(d)));
            deliveries.forEach((channel, byStatus) -> timeline.add(deliveryCounts(channel, byStatus,
                    lastDeliveryEntry(trail, channel).orElse(c.endedAt() != null ? c.endedAt() : now))));
            if (measured != null && measured.measuredAt() != null) {
                timeline.add(measurementEvent(measured));
            }
            return new AuditPackage(now, exportedBy, c, verification, timeline.inOrder(), sources, calls,
                    variants.latest(campaignId), rules, decisions, deliveries, measured, trail);
        });
    }

    /** The timeline as CSV (RFC 4180): one row per event with time, kind, actor, summary and details as JSON. */
    public String csv(AuditPackage pack) {
        StringBuilder out = new StringBuilder("time,kind,actor,summary,details\r\n");
        for (AuditPackage.TimelineEvent e : pack.timeline()) {
            out.append(String.join(",", cell(String.valueOf(e.at())), cell(e.kind()), cell(e.actor()), cell(e.summary()),
                    cell(text(e.details())))).append("\r\n");
        }
        return out.toString();
    }

    // --- the events, in business words

    private static AuditPackage.TimelineEvent trigger(Campaign c) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("triggerEventId", c.triggerEventId());
        details.put("triggerType", c.triggerType());
        details.put("title", c.title());
        details.put("region", c.region());
        details.put("category", c.category());
        details.put("skus", c.skus());
        details.put("discountPercent", c.discountPercent());
        details.put("channels", c.channels().stream().map(Channel::key).toList());
        details.put("segment", c.segment());
        details.put("objective", c.objective());
        String what = "BRIEF".equals(c.triggerType()) ? "A manager's brief" : words(c.triggerType()) + " event " + c.triggerEventId();
        return new AuditPackage.TimelineEvent(c.createdAt(), "Trigger", c.createdBy(),
                what + " started \"" + c.title() + "\": " + (c.region() == null ? "" : c.region() + " region, ")
                        + (c.discountPercent() > 0 ? c.discountPercent() + " % off " : "") + String.join(", ", c.skus())
                        + " by " + c.channels().stream().map(Channel::key).collect(Collectors.joining(", ")), details);
    }

    /** How the audience was chosen, as the selection recorded it: the model and its holdout AUC, the rule, or names. */
    private static String targeting(Map<String, Object> d) {
        Object targeting = d.get("targeting");
        if ("EXPECTED_VALUE".equals(targeting)) {
            return String.format(java.util.Locale.ROOT, "; ranked by expected value with propensity model v%s for %s "
                            + "(holdout AUC %.3f), floor %s, %s below it left out; %s arbitrated away to campaigns worth more",
                    d.get("propensityModelVersion"), d.get("propensityCategory"),
                    ((Number) d.getOrDefault("propensityModelAuc", 0)).doubleValue(), d.get("expectedValueFloor"),
                    d.getOrDefault("belowFloor", 0), d.getOrDefault("arbitratedAway", 0));
        }
        Object basis = d.get("targetingBasis");
        return targeting == null || basis == null ? "" : "; " + basis;
    }

    private AuditPackage.TimelineEvent fromTrail(AuditLog.Entry e, List<GroundingSource> sources) {
        Map<String, Object> d = details(e.detail());
        String channel = String.valueOf(d.getOrDefault("channel", ""));
        return switch (e.kind()) {
            case "PROCESS_STARTED" -> event(e, "Process", "The campaign's process started (instance "
                    + d.get("processInstanceId") + ")", d);
            case "BRIEF_ENRICHED" -> event(e, "Catalog", "The offer was priced and stocked from the catalog", d);
            case "AUDIENCE_SELECTED" -> event(e, "Audience", "Audience selected: " + d.get("treatment")
                    + " customers to contact, " + d.get("holdout") + " held out to measure against; consenting by channel: "
                    + counts(d.get("consentedByChannel")) + targeting(d), d);
            case "GROUNDING_RETRIEVED" -> {
                Map<String, Object> details = new LinkedHashMap<>(d);
                details.put("sources", sources.stream().map(s -> Map.of("number", s.number(), "document", s.docId(),
                        "version", s.version(), "type", s.type().name(), "title", s.title(), "chunk", s.chunkId())).toList());
                yield event(e, "Sources", sources.size() + " approved sources retrieved: " + sources.stream()
                        .map(s -> s.docId() + " v" + s.version()).distinct().collect(Collectors.joining(", ")), details);
            }
            case "VARIANT_GENERATED" -> event(e, "Variant", capitalised(channel) + " variant " + d.get("variant")
                    + " written in round " + d.get("round") + " by the " + d.get("generator") + " generator"
                    + (d.get("model") == null ? "" : " (" + d.get("model") + ")"), d);
            case "VARIANT_EDITED" -> event(e, "Edit", e.actor() + " edited the copy of " + editedVariants(d)
                    + "; the rules re-checked it", d);
            case "VARIANT_EDIT_REFUSED" -> event(e, "Edit", e.actor() + "'s edit of " + editedVariants(d)
                    + " was refused: " + d.get("reason"), d);
            case "REVIEW_ESCALATED" -> event(e, "Review", "An overdue review was escalated: " + d.getOrDefault("task", ""), d);
            case "DELIVERIES_RECORDED" -> event(e, "Delivery", capitalised(channel) + ": " + d.get("newDeliveries")
                    + " deliveries recorded for sending", d);
            case "CHANNEL_DISPATCHED" -> event(e, "Delivery", capitalised(channel) + " dispatched: "
                    + counts(d.get("deliveriesByStatus")), d);
            case "DELIVERIES_RECONCILED", "DELIVERIES_OUTCOME_UNKNOWN" -> event(e, "Delivery", capitalised(channel)
                    + ": " + words(e.kind()).toLowerCase(Locale.ROOT), d);
            case "AUDIENCE_EXPORT_DOWNLOADED" -> event(e, "Delivery", "The social audience file was downloaded by "
                    + e.actor(), d);
            case "WITHDRAWAL_REQUESTED" -> event(e, "Withdrawal", e.actor() + " withdrew the campaign: " + d.get("reason"), d);
            case "MEASUREMENT_SCHEDULED" -> event(e, "Measurement", "Measurement window opened, closing "
                    + minute(d.get("windowEndsAt")), d);
            case "LEARNING_DRAFTED" -> event(e, "Learning", "A learning was drafted from the result", d);
            case "LEARNING_APPROVED" -> event(e, "Learning", e.actor() + " approved the campaign's learning", d);
            case "LEARNING_SET_ASIDE" -> event(e, "Learning", e.actor() + " set the campaign's learning aside", d);
            case "CAMPAIGN_ENDED" -> event(e, "End", "The campaign ended as " + words(String.valueOf(d.get("status")))
                    + ": " + d.get("reason"), d);
            case AuditChain.ERASURE_KIND -> event(e, "Erasure", "Personal data of a customer was erased from this "
                    + "campaign's records", d);
            default -> event(e, "Record", words(e.kind()), d);
        };
    }

    private static AuditPackage.TimelineEvent modelCallEvent(AuditPackage.ModelCall c) {
        boolean grounded = "grounded".equals(c.generator());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("channel", c.channel());
        details.put("round", c.round());
        details.put("variant", c.variantNo());
        details.put("attempt", c.attempt());
        details.put("model", c.model());
        details.put("promptVersion", c.promptVersion());
        details.put("parameters", c.parameters());
        details.put("promptTokens", c.promptTokens());
        details.put("completionTokens", c.completionTokens());
        details.put("cost", c.cost());
        details.put("latencyMs", c.latencyMs());
        details.put("retries", c.retries());
        details.put("cacheHit", c.cacheHit());
        details.put("outcome", c.outcome());
        details.put("error", c.error());
        details.put("prompt", c.prompt());
        details.put("response", c.response());
        String who = grounded ? "the grounded generator (no model)" : c.model() == null ? c.generator() : c.model();
        String tokens = c.promptTokens() == null ? "" : ", " + c.promptTokens() + " + " + c.completionTokens() + " tokens";
        String cost = c.cost() == null ? "" : ", cost " + c.cost().stripTrailingZeros().toPlainString();
        return new AuditPackage.TimelineEvent(c.at(), "Model call", c.generator(), capitalised(c.channel()) + " variant "
                + c.variantNo() + ", round " + c.round() + (grounded ? "" : " (" + c.attempt() + ")") + ": " + who + tokens
                + cost + ", " + c.latencyMs() + " ms" + (c.cacheHit() ? ", from the cache" : "") + ", " + c.outcome()
                + (c.error() == null ? "" : " — " + c.error()), details);
    }

    private static AuditPackage.TimelineEvent ruleDecision(PolicyDecision r) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("checkpoint", r.checkpoint());
        details.put("round", r.round());
        details.put("tier", r.tier() == null ? null : r.tier().name());
        details.put("rulesVersion", r.rulesVersion());
        details.put("findings", r.findings());
        String findings = r.findings().isEmpty() ? "no findings" : r.findings().size() + " finding"
                + (r.findings().size() == 1 ? "" : "s") + ": " + r.findings().stream()
                .map(f -> f.severity() + " " + f.code()).collect(Collectors.joining(", "));
        return new AuditPackage.TimelineEvent(r.decidedAt(), "Rule decision", "rules", checkpoint(r.checkpoint())
                + " (round " + r.round() + "): " + (r.tier() == null ? "" : words(r.tier().name()) + " risk, ") + findings
                + "; rules version " + r.rulesVersion(), details);
    }

    private static AuditPackage.TimelineEvent reviewDecision(ReviewDecision d) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("review", d.review());
        details.put("round", d.round());
        details.put("reviewer", d.reviewer());
        details.put("decision", d.decision());
        details.put("comment", d.comment());
        String decided = switch (d.decision()) {
            case "approve" -> "approved";
            case "reject" -> "rejected";
            case "requestChanges" -> "requested changes";
            default -> d.decision();
        };
        return new AuditPackage.TimelineEvent(d.decidedAt(), "Review", d.reviewer(), capitalised(d.review()) + ", round "
                + d.round() + ": " + d.reviewer() + " " + decided
                + (d.comment() == null || d.comment().isBlank() ? "" : " — \"" + d.comment() + "\""), details);
    }

    private static AuditPackage.TimelineEvent deliveryCounts(String channel, Map<String, Long> byStatus, Instant at) {
        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("channel", channel);
        details.put("deliveries", total);
        details.put("byStatus", byStatus);
        return new AuditPackage.TimelineEvent(at, "Delivery", "publishing", capitalised(channel) + ": " + total
                + " deliveries — " + byStatus.entrySet().stream().map(s -> s.getValue() + " " + s.getKey().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")), details);
    }

    private static AuditPackage.TimelineEvent measurementEvent(Measurement m) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("treatmentSize", m.treatmentSize());
        details.put("holdoutSize", m.holdoutSize());
        details.put("treatmentBuyers", m.treatmentBuyers());
        details.put("holdoutBuyers", m.holdoutBuyers());
        details.put("incrementalLift", m.incrementalLift());
        details.put("incrementalRevenue", m.incrementalRevenue());
        details.put("contributionMargin", m.contributionMargin());
        String verdict = m.confidence() == null ? null : m.confidence().verdict();
        details.put("verdict", verdict);
        details.put("warning", m.confidence() == null ? null : m.confidence().warning());
        details.put("windowEndsAt", m.windowEndsAt());
        String lift = m.incrementalLift() == null ? "no lift computed"
                : String.format(Locale.ROOT, "conversion lift %+.1f %%", m.incrementalLift() * 100);
        return new AuditPackage.TimelineEvent(m.measuredAt(), "Measurement", "measurement", "Measured against the holdout: "
                + m.treatmentBuyers() + " of " + m.treatmentSize() + " treatment and " + m.holdoutBuyers() + " of "
                + m.holdoutSize() + " holdout customers bought; " + lift
                + (m.contributionMargin() == null ? "" : ", contribution " + m.contributionMargin().toPlainString())
                + (verdict == null ? "" : "; verdict: " + words(verdict).toLowerCase(Locale.ROOT))
                + (m.confidence() == null || m.confidence().warning() == null ? "" : " (" + m.confidence().warning() + ")"), details);
    }

    // --- helpers

    private static AuditPackage.ModelCall modelCall(VariantStore.StoredCall s) {
        CallRecord c = s.call();
        return new AuditPackage.ModelCall(s.at(), s.channel(), s.round(), s.variantNo(), c.generator(), c.attempt(),
                c.model(), c.promptVersion(), c.parameters(), c.prompt(), c.response(), c.promptTokens(),
                c.completionTokens(), c.latencyMs(), c.retries(), c.cacheHit(), c.cost(), c.outcome(), c.error());
    }

    /** When the trail last spoke of this channel's deliveries: the time their counts stand for. */
    private Optional<Instant> lastDeliveryEntry(List<AuditLog.Entry> trail, String channel) {
        return trail.stream().filter(e -> e.kind().startsWith("DELIVERIES_") || "CHANNEL_DISPATCHED".equals(e.kind()))
                .filter(e -> channel.equals(details(e.detail()).get("channel")))
                .map(AuditLog.Entry::at).max(Comparator.naturalOrder());
    }

    private static AuditPackage.TimelineEvent event(AuditLog.Entry e, String kind, String summary, Map<String, Object> d) {
        Map<String, Object> details = new LinkedHashMap<>(d);
        details.put("auditEntry", e.id());
        details.put("auditKind", e.kind());
        return new AuditPackage.TimelineEvent(e.at(), kind, e.actor(), summary, details);
    }

    private Map<String, Object> details(String detail) {
        try {
            Map<String, Object> parsed = json.readValue(detail, new TypeReference<LinkedHashMap<String, Object>>() {
            });
            return parsed == null ? Map.of() : parsed;
        } catch (JsonProcessingException | IllegalArgumentException notAnObject) {
            return Map.of("text", String.valueOf(detail));
        }
    }

    @SuppressWarnings("unchecked")
    private static String editedVariants(Map<String, Object> d) {
        Object edits = d.get("edits");
        return edits instanceof Map<?, ?> m && !m.isEmpty()
                ? ((Map<String, Object>) m).keySet().stream().map(k -> k.replace("#", " variant ")).collect(Collectors.joining(", "))
                : "the copy";
    }

    /** An instant as people read it in a sentence: 2026-12-17 00:03 UTC (the details keep it exact). */
    private static String minute(Object instant) {
        try {
            return MINUTE.format(Instant.parse(String.valueOf(instant)));
        } catch (java.time.format.DateTimeParseException notAnInstant) {
            return String.valueOf(instant);
        }
    }

    private static final java.time.format.DateTimeFormatter MINUTE = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);

    /** {EMAIL=359, SMS=188} -> "359 email, 188 SMS"; {SENT=188} -> "188 sent". */
    private static String counts(Object counts) {
        if (!(counts instanceof Map<?, ?> map) || map.isEmpty()) {
            return "none";
        }
        return map.entrySet().stream().map(e -> e.getValue() + " " + (String.valueOf(e.getKey()).equalsIgnoreCase("sms")
                ? "SMS" : String.valueOf(e.getKey()).replace('_', ' ').toLowerCase(Locale.ROOT))).collect(Collectors.joining(", "));
    }

    private static String checkpoint(String checkpoint) {
        return switch (checkpoint) {
            case "PRE_REVIEW" -> "Rules before review";
            case "REVIEWER_EDIT" -> "Rules on a reviewer's edit";
            case "REVIEWER_EDIT_REFUSED" -> "Rules refused a reviewer's edit";
            case "PRE_PUBLISH" -> "Rules just before publishing (price, stock, consent)";
            default -> "Rules at " + words(checkpoint);
        };
    }

    /** OVERSTOCK_ALERT -> "Overstock alert". */
    private static String words(String code) {
        return code == null ? "" : capitalised(code.replace('_', ' ').toLowerCase(Locale.ROOT));
    }

    private static String capitalised(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        return "sms".equals(text) ? "SMS" : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private String text(Map<String, Object> details) {
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            return String.valueOf(details);
        }
    }

    /**
     * One CSV cell: quoted when it holds a comma, quote or line break; a cell a spreadsheet would take for a formula
     * (=, +, -, @ first) is prefixed with an apostrophe, so opening the package cannot run anything.
     */
    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
                ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    /** Events in time order; those at the same instant in the order they were added (the trail's, then typed). */
    private static final class Timeline {
        private final List<AuditPackage.TimelineEvent> events = new ArrayList<>();

        void add(AuditPackage.TimelineEvent event) {
            if (event.at() != null) {
                events.add(event);
            }
        }

        List<AuditPackage.TimelineEvent> inOrder() {
            return events.stream().sorted(Comparator.comparing(AuditPackage.TimelineEvent::at)).toList();
        }
    }
}
