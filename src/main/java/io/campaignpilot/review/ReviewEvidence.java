package io.campaignpilot.review;

import io.campaignpilot.engine.ProcessNames;
import io.campaignpilot.generation.ChannelVariant;
import io.campaignpilot.generation.VariantStore;
import io.campaignpilot.knowledge.GroundingSource;
import io.campaignpilot.knowledge.GroundingStore;
import io.campaignpilot.knowledge.KnowledgeType;
import io.campaignpilot.policy.Finding;
import io.campaignpilot.policy.Severity;
import io.campaignpilot.policy.PolicyDecision;
import io.campaignpilot.policy.PolicyService;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Renders what a reviewer must see, as plain text the review forms display: variants, sources, findings. */
@Component
public class ReviewEvidence {
    /** The texts the review form shows: the learnings are those among the sources, cited apart so none is missed. */
    public record Evidence(String variants, String sources, String findings, String learnings) {
    }

    private final VariantStore variants;
    private final GroundingStore grounding;
    private final PolicyService policy;
    private final ReviewProperties properties;

    public ReviewEvidence(VariantStore variants, GroundingStore grounding, PolicyService policy,
                          ReviewProperties properties) {
        this.variants = variants;
        this.grounding = grounding;
        this.policy = policy;
        this.properties = properties;
    }

    /** What a review opening now needs: the evidence, the SLA and when it falls due (then it escalates to a lead). */
    public Map<String, Object> forNewReview(String campaignId, Instant now) {
        Map<String, Object> variables = new HashMap<>(asVariables(campaignId));
        variables.put(ProcessNames.REVIEW_SLA, properties.sla().toString());
        variables.put(ProcessNames.REVIEW_DUE_AT, now.plus(properties.sla()).toString());
        return variables;
    }

    private static final int MAX = 3900;

    /**
     * The evidence as the review's process variables, which the forms display. Camunda keeps string variables up to
     * 4,000 characters, so each text is shortened with a pointer to the full record (GET /api/campaigns/{id}).
     */
    public Map<String, Object> asVariables(String campaignId) {
        Evidence e = build(campaignId);
        return Map.of(ProcessNames.REVIEW_VARIANTS, shorten(e.variants(), campaignId),
                ProcessNames.REVIEW_SOURCES, shorten(e.sources(), campaignId),
                ProcessNames.REVIEW_FINDINGS, shorten(e.findings(), campaignId),
                ProcessNames.REVIEW_LEARNINGS, shorten(e.learnings(), campaignId));
    }

    static String shorten(String text, String campaignId) {
        if (text.length() <= MAX) {
            return text;
        }
        String more = "\n… (shortened; full text at /api/campaigns/" + campaignId + ")";
        return text.substring(0, MAX - more.length()) + more;
    }

    public Evidence build(String campaignId) {
        StringBuilder v = new StringBuilder();
        for (ChannelVariant variant : variants.latest(campaignId)) {
            v.append("== ").append(variant.channel().key().toUpperCase()).append(" (variant ").append(variant.variantNo())
                    .append(variant.locale() == null ? "" : ", " + variant.locale()).append(", generator ").append(variant.generator())
                    .append(variant.model() == null ? "" : ", model " + variant.model()).append(") ==\n");
            for (Map.Entry<String, String> field : variant.fields().entrySet()) {
                v.append(field.getKey()).append(": ").append(field.getValue()).append('\n');
            }
            v.append("cites: ").append(variant.citedSources().isEmpty()
                    ? String.join(" ", variant.citations().stream().map(n -> "[" + n + "]").toList())
                    : String.join(" · ", variant.citedSources().stream()
                            .map(c -> "[" + c.number() + "] " + c.docId() + " v" + c.version()).toList())).append("\n");
            if (variant.editedBy() != null) {
                v.append("edited by ").append(variant.editedBy()).append(" and accepted by the rules\n");
            }
            if (variant.fallbackReason() != null) {
                v.append("fallback because: ").append(variant.fallbackReason()).append('\n');
            }
            v.append('\n');
        }
        StringBuilder s = new StringBuilder();
        StringBuilder l = new StringBuilder();
        for (GroundingSource source : grounding.sources(campaignId)) {
            String cited = "[" + source.number() + "] " + source.type() + " · " + source.title() + " · " + source.docId()
                    + " v" + source.version() + "\n" + source.text().strip() + "\n\n";
            s.append(cited);
            if (source.type() == KnowledgeType.CAMPAIGN_LEARNING) {
                l.append(cited);
            }
        }
        if (l.isEmpty()) {
            l.append("No approved learning of an earlier campaign applies to this one.");
        }
        // what the reviewer decides on: the check of the generated copy, or of their own accepted edit
        List<PolicyDecision> decisions = policy.decisions(campaignId).stream()
                .filter(d -> d.checkpoint().equals("PRE_REVIEW") || d.checkpoint().equals(ReviewEdits.CHECKPOINT)).toList();
        StringBuilder f = new StringBuilder();
        if (!decisions.isEmpty()) {
            PolicyDecision last = decisions.getLast();
            f.append("Tier ").append(last.tier()).append(" · ").append(last.checkpoint()).append(" check of round ")
                    .append(last.round()).append(" · rules version ").append(last.rulesVersion()).append('\n');
            if (last.findings().isEmpty()) {
                f.append("No findings.\n");
            }
            // grouped by severity, most serious first, so a reviewer reads what blocks before what informs
            for (Severity severity : Severity.values()) {
                List<Finding> group = last.findings().stream().filter(x -> x.severity() == severity).toList();
                if (group.isEmpty()) {
                    continue;
                }
                f.append('\n').append(severity).append(" (").append(group.size()).append(")\n");
                for (Finding finding : group) {
                    f.append("- ").append(finding.message()).append("\n  ").append(finding.code()).append(" · rule \"")
                            .append(finding.rule()).append("\" · evidence: ").append(finding.evidence()).append('\n');
                }
            }
        }
        return new Evidence(v.toString().strip(), s.toString().strip(), f.toString().strip(), l.toString().strip());
    }
}
