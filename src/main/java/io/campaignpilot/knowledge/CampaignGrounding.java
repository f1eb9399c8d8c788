package io.campaignpilot.knowledge;

import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.catalog.Catalog;
import io.campaignpilot.catalog.Product;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * A campaign's grounding: the approved knowledge its copy may draw on, found by what the campaign is about (title,
 * objective, the promoted products) within its region and lead category, then kept numbered for review and audit.
 */
@Component
public class CampaignGrounding {
    private final Catalog catalog;
    private final KnowledgeRetriever retriever;
    private final GroundingStore store;
    private final AuditLog audit;

    public CampaignGrounding(Catalog catalog, KnowledgeRetriever retriever, GroundingStore store, AuditLog audit) {
        this.catalog = catalog;
        this.retriever = retriever;
        this.store = store;
        this.audit = audit;
    }

    /** Searches the knowledge base: a network call, so never inside a transaction. */
    public List<GroundingSource> search(Campaign campaign) {
        List<Product> products = catalog.promoted(campaign.skus());
        String text = campaign.title() + ". " + (campaign.objective() == null ? "" : campaign.objective() + ". ")
                + String.join(". ", products.stream().map(p -> p.name() + " " + p.category()).toList());
        return retriever.retrieve(new KnowledgeRetriever.Request(text, campaign.region(), products.getFirst().category(),
                campaign.skus()));
    }

    /** Keeps the sources found, replacing those of an earlier attempt, and notes them in the audit trail. */
    public void keep(String campaignId, List<GroundingSource> sources) {
        store.replace(campaignId, sources);
        audit.record(campaignId, "knowledge", "GROUNDING_RETRIEVED", Map.of("sources", sources.stream()
                .map(s -> s.number() + ": " + s.chunkId() + " (" + s.type() + " v" + s.version() + ", score "
                        + String.format("%.3f", s.score()) + ")").toList()));
    }
}
