package io.campaignpilot.review;

import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.catalog.Catalog;
import io.campaignpilot.engine.CampaignEngine;
import io.campaignpilot.engine.ProcessNames;
import io.campaignpilot.generation.ChannelVariant;
import io.campaignpilot.knowledge.GroundingStore;
import io.campaignpilot.generation.CopyCheck;
import io.campaignpilot.generation.VariantStore;
import io.campaignpilot.policy.Finding;
import io.campaignpilot.policy.PolicyService;
import io.campaignpilot.policy.RiskTier;
import io.campaignpilot.web.FieldError;
import io.campaignpilot.web.InvalidInputException;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A reviewer's edits to the copy under review. The rules judge the campaign with the edits in place before anything is
 * saved: an edit that a rule blocks, or that would raise the risk tier above the one the review was routed by, is
 * refused with the findings, and the generated copy stays. Every attempt is a recorded policy decision.
 */
@Service
public class ReviewEdits {
    public static final String CHECKPOINT = "REVIEWER_EDIT";
    public static final String REFUSED_CHECKPOINT = "REVIEWER_EDIT_REFUSED";

    /** One field of one variant, as the reviewer wants it to read. */
    public record Edit(Channel channel, int variantNo, String field, String value) {
    }

    /** Accepted (and saved), or refused with the reason and the findings. */
    public record Result(boolean accepted, String reason, List<Finding> findings, List<ChannelVariant> variants,
                         String rulesVersion) {
    }

    private final CampaignRepository campaigns;
    private final VariantStore variants;
    private final PolicyService policy;
    private final AuditLog audit;
    private final CopyCheck copyCheck;
    private final Catalog catalog;
    private final GroundingStore grounding;
    private final CampaignEngine engine;
    private final ReviewEvidence evidence;

    public ReviewEdits(CampaignRepository campaigns, VariantStore variants, PolicyService policy, CampaignEngine engine,
                       AuditLog audit, CopyCheck copyCheck, Catalog catalog, GroundingStore grounding,
                       ReviewEvidence evidence) {
        this.engine = engine;
        this.evidence = evidence;
        this.campaigns = campaigns;
        this.variants = variants;
        this.policy = policy;
        this.audit = audit;
        this.copyCheck = copyCheck;
        this.catalog = catalog;
        this.grounding = grounding;
    }

    /**
     * Validates, judges and (if the rules accept) saves the edits of the reviewer holding the campaign's open marketing
     * review. Throws InvalidInputException for malformed edits, NotTheReviewerException for anyone else, and
     * IllegalStateException when no marketing review is open (during legal review, say).
     */
    public Result apply(String campaignId, List<Edit> edits, String reviewer) {
        Campaign c = campaigns.find(campaignId).orElseThrow(() -> new NoSuchElementException("no campaign " + campaignId));
        List<CampaignEngine.OpenTask> open = engine.openTasks(campaignId);
        CampaignEngine.OpenTask marketing = open.stream().filter(t -> ReviewCompletion.Review.ofTask(t.taskKey())
                .filter(r -> r == ReviewCompletion.Review.MARKETING).isPresent()).findFirst().orElse(null);
        if (marketing == null) {
            throw new IllegalStateException(open.stream().anyMatch(t -> ProcessNames.LEGAL_REVIEW_TASK.equals(t.taskKey()))
                    ? "campaign " + campaignId + " is in legal review: its copy cannot be edited now; legal may request changes"
                    : "campaign " + campaignId + " is not waiting for a marketing review: its copy cannot be edited now");
        }
        if (!reviewer.equals(marketing.assignee())) {
            throw new NotTheReviewerException("only the reviewer holding the open Marketing review of campaign " + campaignId
                    + " may edit its copy" + (marketing.assignee() == null ? ": claim the task first"
                    : "; it is held by " + marketing.assignee()));
        }
        int round = variants.latestRound(campaignId);
        List<ChannelVariant> current = variants.latest(campaignId);
        Map<String, Map<String, String>> changes = changes(edits, current);
        List<FieldError> errors = new ArrayList<>();
        List<ChannelVariant> edited = current.stream().map(v -> {
            Map<String, String> fields = changes.get(v.channel().key() + "#" + v.variantNo());
            return fields == null ? v : v.editedBy(reviewer, fields);
        }).toList();
        // an edit meets the same copy checks as generated copy: lengths, SMS segments, links, merge tags, offer facts
        CopyCheck.Offer offer = new CopyCheck.Offer(c.discountPercent(), catalog.findAll(c.skus()), grounding.sources(campaignId));
        for (ChannelVariant v : edited) {
            String key = v.channel().key() + "#" + v.variantNo();
            if (changes.containsKey(key)) {
                copyCheck.editViolations(v.channel(), v.fields(), offer)
                        .forEach(problem -> errors.add(new FieldError(v.channel().key() + " #" + v.variantNo(), problem)));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }

        PolicyService.Outcome outcome = policy.judge(c, edited);
        String refusal = refusal(outcome, c.tier() == null ? RiskTier.LOW : RiskTier.valueOf(c.tier()));
        policy.record(campaignId, round, refusal == null ? CHECKPOINT : REFUSED_CHECKPOINT, outcome);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("round", round);
        detail.put("edits", changes);
        detail.put("rulesVersion", outcome.rulesVersion());
        if (refusal != null) {
            detail.put("reason", refusal);
            audit.record(campaignId, reviewer, "VARIANT_EDIT_REFUSED", detail);
            return new Result(false, refusal, outcome.findings(), current, outcome.rulesVersion());
        }
        edited.stream().filter(v -> reviewer.equals(v.editedBy()) && changes.containsKey(v.channel().key() + "#" + v.variantNo()))
                .forEach(v -> variants.saveEdit(campaignId, round, v));
        // keyed like "edits", so a reader (legal's review form, an auditor) pairs each edit with the copy it replaced
        Map<String, Map<String, String>> before = new LinkedHashMap<>();
        current.stream().filter(v -> changes.containsKey(v.channel().key() + "#" + v.variantNo()))
                .forEach(v -> before.put(v.channel().key() + "#" + v.variantNo(), v.fields()));
        detail.put("before", before);
        audit.record(campaignId, reviewer, "VARIANT_EDITED", detail);
        // whoever reads this review next (the holder again, legal, or a lead after escalation) sees the copy as it will go out
        engine.showReviewEvidence(marketing.processInstanceId(), evidence.asVariables(campaignId));
        return new Result(true, null, outcome.findings(), variants.latest(campaignId), outcome.rulesVersion());
    }

    /**
     * The edits as new field values per variant ("email#1" -> field -> value), or every problem at once, each naming
     * the edit and its part: a variant the campaign does not have, a field its channel does not have, an empty value.
     */
    static Map<String, Map<String, String>> changes(List<Edit> edits, List<ChannelVariant> current) {
        Map<String, Map<String, String>> changes = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < edits.size(); i++) {
            Edit e = edits.get(i);
            String where = "edits[" + i + "]";
            if (current.stream().noneMatch(v -> v.channel() == e.channel() && v.variantNo() == e.variantNo())) {
                errors.add(new FieldError(where, "the campaign has no " + e.channel().key() + " variant #" + e.variantNo()));
            } else if (!CopyCheck.FIELDS.get(e.channel()).contains(e.field())) {
                errors.add(new FieldError(where + ".field", e.field() + " is not a " + e.channel().key() + " field; it has "
                        + CopyCheck.FIELDS.get(e.channel())));
            } else if (e.value() == null || e.value().isBlank()) {
                errors.add(new FieldError(where + ".value", "must not be empty"));
            } else {
                changes.computeIfAbsent(e.channel().key() + "#" + e.variantNo(), k -> new LinkedHashMap<>())
                        .put(e.field(), e.value().strip());
            }
        }
        if (edits.isEmpty()) {
            errors.add(new FieldError("edits", "at least one edit is required"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return changes;
    }

    /**
     * Why the rules' judgement of the edited copy refuses it, or null: a blocking finding, or a tier above the one the
     * review was routed by (a MEDIUM review must not approve HIGH copy: that needs legal).
     */
    static String refusal(PolicyService.Outcome outcome, RiskTier routedBy) {
        if (!outcome.blocking().isEmpty()) {
            return "the rules block the edited copy: "
                    + String.join("; ", outcome.blocking().stream().map(Finding::message).toList());
        }
        return outcome.tier().compareTo(routedBy) > 0
                ? "the edit raises the risk tier from " + routedBy + " to " + outcome.tier()
                  + ", which needs another review: request changes instead"
                : null;
    }
}
