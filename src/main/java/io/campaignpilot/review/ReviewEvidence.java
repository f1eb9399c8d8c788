package io.campaignpilot.review;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.engine.ProcessNames;
import io.campaignpilot.generation.ChannelVariant;
import io.campaignpilot.generation.CopyCheck;
import io.campaignpilot.generation.VariantStore;
import io.campaignpilot.knowledge.GroundingSource;
import io.campaignpilot.knowledge.GroundingStore;
import io.campaignpilot.knowledge.KnowledgeType;
import io.campaignpilot.policy.Finding;
import io.campaignpilot.policy.PolicyDecision;
import io.campaignpilot.policy.PolicyService;
import io.campaignpilot.policy.Severity;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Renders what a reviewer must see as the Markdown the review forms' text views display: each variant as the customer
 * reads it, the sources it cites with their passages, the rule findings as a table, the decisions so far with what
 * changed since the round before, and for legal marketing's decision and edits. Copy comes from an LLM and sources
 * from editors, so every piece of it is escaped here; form-js sanitises the rendered HTML again.
 */
@Component
public class ReviewEvidence {
    /** One field a reviewer changed, as the audit recorded it. */
    public record EditMade(String reviewer, String variant, String field, String before, String after) {
    }

    private final VariantStore variants;
    private final GroundingStore grounding;
    private final PolicyService policy;
    private final ReviewProperties properties;
    private final ReviewDecisions decisions;
    private final AuditLog audit;
    private final ObjectMapper json;

    public ReviewEvidence(VariantStore variants, GroundingStore grounding, PolicyService policy,
                          ReviewProperties properties, ReviewDecisions decisions, AuditLog audit, ObjectMapper json) {
        this.variants = variants;
        this.grounding = grounding;
        this.policy = policy;
        this.properties = properties;
        this.decisions = decisions;
        this.audit = audit;
        this.json = json;
    }

    /** Where an auditor (and a reviewer) reads the campaign's whole record: its page in Cockpit. */
    public static String cockpitLink(String campaignId) {
        return "/camunda/app/cockpit/default/#/campaigns/" + campaignId;
    }

    /** What a review opening now needs besides its evidence (written as its task is created): the SLA and due date. */
    public Map<String, Object> forNewReview(String campaignId, Instant now) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(ProcessNames.REVIEW_SLA, properties.sla().toString());
        variables.put(ProcessNames.REVIEW_DUE_AT, now.plus(properties.sla()).toString());
        return variables;
    }

    private static final int MAX = 3900;

    /**
     * The evidence as the review's process variables, which the forms display, and the edit inputs prefilled with the
     * copy. Camunda keeps string variables up to 4,000 characters, so each text is shortened with a link to the full
     * record in Cockpit.
     */
    public Map<String, Object> asVariables(String campaignId) {
        List<ChannelVariant> current = variants.latest(campaignId);
        int round = variants.latestRound(campaignId);
        List<GroundingSource> sources = grounding.sources(campaignId);
        List<PolicyDecision> checks = policy.decisions(campaignId).stream()
                .filter(d -> d.checkpoint().equals("PRE_REVIEW") || d.checkpoint().equals(ReviewEdits.CHECKPOINT)).toList();
        List<ReviewDecision> decided = decisions.decisions(campaignId);
        List<ChannelVariant> previous = round > 1 ? variants.inRound(campaignId, round - 1) : List.of();
        String tier = checks.isEmpty() ? null : String.valueOf(checks.getLast().tier());

        Map<String, Object> vars = new HashMap<>(CopyEdits.prefill(current));
        vars.put(ProcessNames.REVIEW_SUMMARY, summary(campaignId, tier, round));
        vars.put(ProcessNames.REVIEW_VARIANTS, shorten(preview(current), campaignId));
        vars.put(ProcessNames.REVIEW_SOURCES, shorten(citedSources(current, sources), campaignId));
        vars.put(ProcessNames.REVIEW_LEARNINGS, shorten(learnings(current, sources), campaignId));
        vars.put(ProcessNames.REVIEW_FINDINGS, shorten(findings(checks), campaignId));
        vars.put(ProcessNames.REVIEW_HISTORY, shorten(history(decided, round, previous, current), campaignId));
        vars.put(ProcessNames.REVIEW_MARKETING, shorten(marketing(decided, round, editsMade(campaignId, round)), campaignId));
        return vars;
    }

    static String shorten(String text, String campaignId) {
        if (text.length() <= MAX) {
            return text;
        }
        String more = "\n\n… shortened here: [the full evidence is in Cockpit](" + cockpitLink(campaignId) + ")";
        String cut = text.substring(0, MAX - more.length());
        int line = cut.lastIndexOf('\n');
        return (line > 0 ? cut.substring(0, line) : cut) + more;
    }

    static String summary(String campaignId, String tier, int round) {
        return "**Risk tier " + (tier == null ? "unknown" : escape(tier)) + "** · generation round " + round
                + " · [Full evidence in Cockpit](" + cockpitLink(campaignId) + ")";
    }

    // ---- the copy as the customer sees it ----

    private static final Map<String, String> LABELS = Map.of("subject", "Subject", "preheader", "Preheader",
            "body", "Body", "callToAction", "Button", "text", "Text", "title", "Title", "headline", "Headline",
            "primaryText", "Post");

    /** Each variant per channel in the shape its channel shows it, with its citations and the SMS segment count. */
    static String preview(List<ChannelVariant> current) {
        StringBuilder md = new StringBuilder();
        for (ChannelVariant v : current) {
            Map<String, String> f = v.fields();
            md.append("#### ").append(channelName(v)).append(" · variant ").append(v.variantNo())
                    .append(v.locale() == null ? "" : " · " + escape(v.locale())).append("\n\n");
            switch (v.channel()) {
                case EMAIL -> {
                    line(md, "Subject", f.get("subject"));
                    line(md, "Preheader", f.get("preheader"));
                    quote(md, f.get("body"));
                    line(md, "Button", f.get("callToAction"));
                }
                case SMS -> {
                    quote(md, f.get("text"));
                    String text = f.getOrDefault("text", "");
                    int segments = CopyCheck.smsSegments(text);
                    md.append("*").append(segments).append(segments == 1 ? " SMS segment" : " SMS segments").append(" · ")
                            .append(text.length()).append(" characters*\n\n");
                }
                case PUSH -> {
                    line(md, "Title", f.get("title"));
                    quote(md, f.get("body"));
                }
                case WEB -> {
                    line(md, "Headline", f.get("headline"));
                    quote(md, f.get("body"));
                    line(md, "Button", f.get("callToAction"));
                }
                case SOCIAL -> {
                    quote(md, f.get("primaryText"));
                    line(md, "Headline", f.get("headline"));
                }
            }
            List<Integer> cited = v.citations().stream().distinct().toList();
            md.append("*Cites ").append(cited.isEmpty() ? "no source" : String.join(" ", cited.stream().map(n -> "[" + n + "]")
                    .map(ReviewEvidence::escape).toList())).append(" · written by ").append(escape(v.generator()))
                    .append(v.model() == null ? "" : " (" + escape(v.model()) + ")")
                    .append(v.editedBy() == null ? "" : " · edited by " + escape(v.editedBy()) + ", accepted by the rules")
                    .append("*\n\n");
            if (v.fallbackReason() != null) {
                md.append("*Fallback copy because: ").append(escape(v.fallbackReason())).append("*\n\n");
            }
        }
        return md.isEmpty() ? "No copy has been written yet." : md.toString().strip();
    }

    private static String channelName(ChannelVariant v) {
        return switch (v.channel()) {
            case EMAIL -> "Email";
            case SMS -> "SMS";
            case PUSH -> "Push notification";
            case WEB -> "Web page";
            case SOCIAL -> "Social post";
        };
    }

    private static void line(StringBuilder md, String label, String value) {
        if (value != null && !value.isBlank()) {
            md.append("**").append(label).append(":** ").append(escape(value).replace("\n", "<br>")).append("\n\n");
        }
    }

    private static void quote(StringBuilder md, String value) {
        if (value != null && !value.isBlank()) {
            for (String l : value.strip().split("\\R", -1)) {
                md.append(l.isBlank() ? ">" : "> " + escape(l)).append('\n');
            }
            md.append('\n');
        }
    }

    // ---- sources ----

    /** Only the sources some variant cites, each with its passage, in citation order. */
    static String citedSources(List<ChannelVariant> current, List<GroundingSource> sources) {
        Set<Integer> cited = cited(current);
        StringBuilder md = new StringBuilder();
        for (GroundingSource s : sources) {
            if (cited.contains(s.number())) {
                source(md, s);
            }
        }
        return md.isEmpty() ? "The copy cites no source." : md.toString().strip();
    }

    /**
     * Every approved learning of an earlier campaign the copywriter was given, cited or not, so a reviewer sees what
     * was known; each says whether the copy cites it.
     */
    static String learnings(List<ChannelVariant> current, List<GroundingSource> sources) {
        Set<Integer> cited = cited(current);
        StringBuilder md = new StringBuilder();
        for (GroundingSource s : sources) {
            if (s.type() == KnowledgeType.CAMPAIGN_LEARNING) {
                md.append(cited.contains(s.number()) ? "*Cited by the copy.*\n\n" : "*Not cited by the copy.*\n\n");
                source(md, s);
            }
        }
        return md.isEmpty() ? "No approved learning of an earlier campaign applies to this one." : md.toString().strip();
    }

    private static Set<Integer> cited(List<ChannelVariant> current) {
        Set<Integer> cited = new LinkedHashSet<>();
        current.forEach(v -> cited.addAll(v.citations()));
        return cited;
    }

    private static void source(StringBuilder md, GroundingSource s) {
        md.append("**[").append(s.number()).append("] ").append(escape(s.title())).append("** · ")
                .append(escape(typeName(s.type()))).append(" · ").append(escape(s.docId())).append(" v").append(s.version())
                .append("\n\n");
        quote(md, s.text());
    }

    private static String typeName(KnowledgeType type) {
        return switch (type) {
            case BRAND_VOICE -> "brand voice";
            case CLAIM -> "approved claim";
            case PRODUCT_FACT -> "product fact";
            case POLICY -> "policy";
            case CAMPAIGN_LEARNING -> "learning of an earlier campaign";
        };
    }

    // ---- findings ----

    /** The last check the reviewer decides on, its findings as a table, most serious first. */
    static String findings(List<PolicyDecision> checks) {
        if (checks.isEmpty()) {
            return "The rules have not checked this copy yet.";
        }
        PolicyDecision last = checks.getLast();
        StringBuilder md = new StringBuilder("Tier **").append(last.tier()).append("** · ").append(escape(last.checkpoint()))
                .append(" check of round ").append(last.round()).append(" · rules version ").append(escape(last.rulesVersion()))
                .append("\n\n");
        if (last.findings().isEmpty()) {
            return md.append("No findings.").toString();
        }
        md.append("| Severity | Finding | Channel | Rule | Evidence |\n|---|---|---|---|---|\n");
        last.findings().stream().sorted(Comparator.comparing(Finding::severity)).forEach(f -> md.append("| ")
                .append(severityName(f.severity())).append(" | ").append(cell(f.message())).append(" | ")
                .append(cell(f.channel())).append(" | ").append(cell(f.rule())).append("<br>").append(cell(f.code()))
                .append(" | ").append(cell(f.evidence())).append(" |\n"));
        return md.toString().strip();
    }

    private static String severityName(Severity severity) {
        return switch (severity) {
            case BLOCK -> "**Blocks**";
            case REVIEW_LEGAL -> "**Legal review**";
            case REVIEW_MARKETING -> "Marketing review";
            case INFO -> "Information";
        };
    }

    // ---- what happened before ----

    /** Every recorded decision with its comment, then what changed in the copy since the round before. */
    static String history(List<ReviewDecision> decided, int round, List<ChannelVariant> previous, List<ChannelVariant> current) {
        StringBuilder md = new StringBuilder();
        if (decided.isEmpty()) {
            md.append("No decision yet: this is the campaign's first review.\n\n");
        } else {
            md.append("| Round | Review | Reviewer | Decision | Comment |\n|---|---|---|---|---|\n");
            for (ReviewDecision d : decided) {
                md.append("| ").append(d.round()).append(" | ").append(cell(d.review())).append(" | ").append(cell(d.reviewer()))
                        .append(" | ").append(decisionName(d.decision())).append(" | ").append(cell(d.comment())).append(" |\n");
            }
            md.append('\n');
        }
        if (!previous.isEmpty()) {
            List<String[]> rows = changes(previous, current);
            md.append("**What changed from round ").append(round - 1).append(" to round ").append(round).append("**\n\n");
            if (rows.isEmpty()) {
                md.append("The copy is the same as in round ").append(round - 1).append(".\n");
            } else {
                md.append("| Variant | Field | Round ").append(round - 1).append(" | Round ").append(round).append(" |\n|---|---|---|---|\n");
                rows.forEach(r -> md.append("| ").append(cell(r[0])).append(" | ").append(cell(r[1])).append(" | ")
                        .append(cell(r[2])).append(" | ").append(cell(r[3])).append(" |\n"));
            }
        }
        return md.toString().strip();
    }

    /** Field by field, what differs between two rounds' copy: {variant, field, before, after}; a variant new or gone too. */
    static List<String[]> changes(List<ChannelVariant> before, List<ChannelVariant> after) {
        Map<String, Map<String, String>> was = byVariant(before);
        Map<String, Map<String, String>> now = byVariant(after);
        Set<String> keys = new LinkedHashSet<>(was.keySet());
        keys.addAll(now.keySet());
        List<String[]> rows = new ArrayList<>();
        for (String key : keys) {
            Map<String, String> a = was.getOrDefault(key, Map.of());
            Map<String, String> b = now.getOrDefault(key, Map.of());
            Set<String> fields = new LinkedHashSet<>(a.keySet());
            fields.addAll(b.keySet());
            for (String field : fields) {
                if (!Objects.equals(a.get(field), b.get(field))) {
                    rows.add(new String[]{key, LABELS.getOrDefault(field, field), a.getOrDefault(field, "—"),
                            b.getOrDefault(field, "—")});
                }
            }
        }
        return rows;
    }

    private static Map<String, Map<String, String>> byVariant(List<ChannelVariant> variants) {
        Map<String, Map<String, String>> map = new LinkedHashMap<>();
        variants.forEach(v -> map.put(v.channel().key() + " #" + v.variantNo()
                + (v.locale() == null ? "" : " " + v.locale()), v.fields()));
        return map;
    }

    /** Marketing's decision of this round, its comment, and the edits it made, for legal to read before deciding. */
    static String marketing(List<ReviewDecision> decided, int round, List<EditMade> edits) {
        ReviewDecision last = decided.stream()
                .filter(d -> d.round() == round && ReviewCompletion.Review.MARKETING.label().equals(d.review()))
                .reduce((a, b) -> b).orElse(null);
        if (last == null) {
            return "Marketing has not decided round " + round + " yet.";
        }
        StringBuilder md = new StringBuilder("**").append(decisionName(last.decision())).append("** by ")
                .append(escape(last.reviewer())).append(" in round ").append(round).append("\n\n");
        if (last.comment() == null || last.comment().isBlank()) {
            md.append("*No comment.*\n\n");
        } else {
            quote(md, last.comment());
        }
        if (edits.isEmpty()) {
            md.append("Marketing did not edit the copy.");
        } else {
            md.append("**Marketing's edits** (accepted by the rules)\n\n| Variant | Field | Generated | As edited | By |\n|---|---|---|---|---|\n");
            edits.forEach(e -> md.append("| ").append(cell(e.variant())).append(" | ").append(cell(LABELS.getOrDefault(e.field(), e.field())))
                    .append(" | ").append(cell(e.before())).append(" | ").append(cell(e.after())).append(" | ")
                    .append(cell(e.reviewer())).append(" |\n"));
        }
        return md.toString().strip();
    }

    private static String decisionName(String decision) {
        return switch (decision == null ? "" : decision) {
            case "approve" -> "Approved";
            case "requestChanges" -> "Changes requested";
            case "reject" -> "Rejected";
            default -> escape(String.valueOf(decision));
        };
    }

    /** The accepted edits of a round, from the audit trail (which keeps the copy as it was before each edit). */
    private List<EditMade> editsMade(String campaignId, int round) {
        List<EditMade> made = new ArrayList<>();
        for (AuditLog.Entry entry : audit.trail(campaignId)) {
            if (!"VARIANT_EDITED".equals(entry.kind())) {
                continue;
            }
            try {
                Map<String, Object> detail = json.readValue(entry.detail(), new TypeReference<>() {
                });
                if (!Integer.valueOf(round).equals(detail.get("round"))) {
                    continue;
                }
                Map<String, Map<String, String>> edits = json.convertValue(detail.get("edits"), new TypeReference<>() {
                });
                Map<String, Map<String, String>> before = detail.get("before") instanceof Map<?, ?>
                        ? json.convertValue(detail.get("before"), new TypeReference<>() {
                        }) : Map.of();
                edits.forEach((variant, fields) -> fields.forEach((field, value) -> made.add(new EditMade(entry.actor(),
                        variant.replace("#", " #"), field, before.getOrDefault(variant, Map.of()).getOrDefault(field, "—"),
                        value))));
            } catch (Exception e) {
                // an audit entry of an older shape is no reason to hide the review
            }
        }
        return made;
    }

    // ---- escaping ----

    /** Untrusted text as inert Markdown: HTML characters as entities, Markdown's own characters escaped. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\\', '`', '*', '_', '[', ']', '(', ')', '#', '+', '-', '!', '|', '~', '{', '}' ->
                        out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Untrusted text for one table cell: escaped, on one line. */
    static String cell(String text) {
        return text == null || text.isBlank() ? "—" : escape(text.strip()).replaceAll("\\R", "<br>");
    }
}
