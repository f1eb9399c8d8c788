package io.campaignpilot.learning;

import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.catalog.Catalog;
import io.campaignpilot.catalog.Product;
import io.campaignpilot.knowledge.KnowledgeApproval;
import io.campaignpilot.knowledge.KnowledgeDocument;
import io.campaignpilot.knowledge.KnowledgeFormats;
import io.campaignpilot.knowledge.KnowledgeIngestion;
import io.campaignpilot.knowledge.KnowledgeStore;
import io.campaignpilot.knowledge.KnowledgeType;
import io.campaignpilot.measurement.Measurement;
import io.campaignpilot.measurement.MeasurementService;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a measured campaign teaches later ones. When its measurement closes with a verdict, a CAMPAIGN_LEARNING is
 * drafted from the result ({@link LearningSummary}) and waits out of search; a marketing lead corrects and approves
 * it, or sets it aside with a reason. Once approved, retrieval finds it for later campaigns of the same region and
 * category for a year, and their reviewers see it cited.
 */
@Service
public class CampaignLearnings {
    /** Who drafts learnings: the measurement, not a person. */
    static final String AUTHOR = "measurement";
    /** How long a learning keeps grounding copy: markets and customers move on. */
    static final int YEARS_IN_USE = 1;

    /** A drafted learning waiting for a marketing lead. */
    public record Draft(String docId, int version, String title, String text) {
    }

    private final CampaignRepository campaigns;
    private final MeasurementService measurements;
    private final KnowledgeIngestion ingestion;
    private final KnowledgeApproval approval;
    private final KnowledgeStore store;
    private final AuditLog audit;
    private final Catalog catalog;

    public CampaignLearnings(CampaignRepository campaigns, MeasurementService measurements, KnowledgeIngestion ingestion,
                             KnowledgeApproval approval, KnowledgeStore store, AuditLog audit, Catalog catalog) {
        this.catalog = catalog;
        this.campaigns = campaigns;
        this.measurements = measurements;
        this.ingestion = ingestion;
        this.approval = approval;
        this.store = store;
        this.audit = audit;
    }

    /** The knowledge document a campaign's learning is kept as. */
    public static String docId(String campaignId) {
        return "learning-campaign-" + campaignId.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Drafts the learning of a measured campaign, or nothing when the measurement gave no verdict or the learning was
     * decided already. Database only (no search), so it may run in the measurement's own transaction.
     */
    public Optional<Draft> draft(String campaignId) {
        Campaign c = campaigns.find(campaignId).orElseThrow(() -> new IllegalStateException("no campaign " + campaignId));
        Measurement m = measurements.find(campaignId).orElseThrow(() ->
                new IllegalStateException("campaign " + campaignId + " has no measurement"));
        String docId = docId(campaignId);
        if (!LearningSummary.worthLearning(m) || store.versions(docId).stream().anyMatch(v ->
                v.state() == KnowledgeStore.State.CURRENT || v.state() == KnowledgeStore.State.REJECTED)) {
            return Optional.empty();
        }
        LocalDate measured = m.measuredAt().atZone(ZoneOffset.UTC).toLocalDate();
        KnowledgeDocument doc = new KnowledgeDocument(docId, KnowledgeType.CAMPAIGN_LEARNING, LearningSummary.title(c),
                LearningSummary.text(c, catalog.promoted(c.skus()).stream().map(Product::name).toList(), m), 0, KnowledgeDocument.IN_REVIEW, KnowledgeFormats.DEFAULT_BRAND,
                List.of(c.region()), List.of(c.category()), "en-GB", measured, measured.plusYears(YEARS_IN_USE), AUTHOR,
                List.of());
        KnowledgeIngestion.Outcome drafted = ingestion.draftLearning(doc, AUTHOR);
        if (drafted.result() != KnowledgeIngestion.Result.UNCHANGED) {
            audit.record(campaignId, AUTHOR, "LEARNING_DRAFTED", Map.of("docId", docId, "version", drafted.version(),
                    "verdict", m.confidence().verdict()));
        }
        return Optional.of(new Draft(docId, drafted.version(), doc.title(), doc.text()));
    }

    /** The lead's approval with their text: it goes into search. A network call, so never inside a transaction. */
    public void approve(String campaignId, String docId, int version, String lead, String text, String comment) {
        KnowledgeStore.StoredVersion approved = approval.approveLearning(docId, version, lead, text, comment);
        audit.record(campaignId, lead, "LEARNING_APPROVED", detail(approved, comment));
    }

    /** The lead sets the learning aside, saying why: it never grounds any copy. */
    public void setAside(String campaignId, String docId, int version, String lead, String comment) {
        KnowledgeStore.StoredVersion rejected = approval.rejectLearning(docId, version, lead, comment);
        audit.record(campaignId, lead, "LEARNING_SET_ASIDE", detail(rejected, comment));
    }

    private static Map<String, Object> detail(KnowledgeStore.StoredVersion v, String comment) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("docId", v.document().id());
        detail.put("version", v.document().version());
        detail.put("comment", comment);
        detail.put("searchable", v.indexState() == KnowledgeStore.IndexState.DONE);
        return detail;
    }
}
