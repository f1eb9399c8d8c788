package io.campaignpilot.process;

import io.campaignpilot.engine.ProcessNames;
import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.catalog.Catalog;
import io.campaignpilot.catalog.Product;
import io.campaignpilot.knowledge.GroundingSource;
import io.campaignpilot.knowledge.GroundingStore;
import io.campaignpilot.knowledge.KnowledgeProperties;
import io.campaignpilot.knowledge.KnowledgeRetriever;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * "Retrieve grounding" (topic {@code grounding-retrieval}): searches the knowledge base for the campaign with no
 * transaction open, then stores the numbered sources (replacing any of an earlier attempt) as the task completes.
 * Elasticsearch down is retried and then an incident naming it.
 */
@Component
class RetrieveGrounding implements TopicWork {
    private final CampaignRepository campaigns;
    private final Catalog catalog;
    private final KnowledgeRetriever retriever;
    private final GroundingStore grounding;
    private final AuditLog audit;
    private final WorkerSettings settings;

    RetrieveGrounding(CampaignRepository campaigns, Catalog catalog, KnowledgeRetriever retriever, GroundingStore grounding,
                      AuditLog audit, WorkerProperties workers, KnowledgeProperties knowledge) {
        this.campaigns = campaigns;
        this.catalog = catalog;
        this.retriever = retriever;
        this.grounding = grounding;
        this.audit = audit;
        this.settings = workers.grounding().settings(knowledge.longestRetrieval());
    }

    @Override
    public String topic() {
        return ProcessNames.GROUNDING_TOPIC;
    }

    @Override
    public List<String> variables() {
        return List.of(ProcessNames.CAMPAIGN_ID);
    }

    @Override
    public WorkerSettings settings() {
        return settings;
    }

    @Override
    public Outcome work(Task task, Lease lease) {
        String id = task.campaignId();
        Campaign c = campaigns.find(id).orElseThrow(() -> new IllegalStateException("no campaign " + id));
        List<Product> products = catalog.findAll(c.skus());
        if (products.isEmpty()) {
            throw new IllegalStateException("none of " + c.skus() + " is in the catalog any more");
        }
        String text = c.title() + ". " + (c.objective() == null ? "" : c.objective() + ". ")
                + String.join(". ", products.stream().map(p -> p.name() + " " + p.category()).toList());
        List<GroundingSource> sources = retriever.retrieve(new KnowledgeRetriever.Request(text, c.region(),
                products.getFirst().category(), c.skus()));
        return Outcome.done(Map.of(ProcessNames.SOURCES_COUNT, sources.size()), () -> {
            grounding.replace(id, sources);
            audit.record(id, "knowledge", "GROUNDING_RETRIEVED", Map.of("sources", sources.stream()
                    .map(s -> s.number() + ": " + s.chunkId() + " (" + s.type() + " v" + s.version() + ", score "
                            + String.format("%.3f", s.score()) + ")").toList()));
        });
    }

    @Override
    public Failure failure(Task task, RuntimeException e) {
        return new Failure("grounding could not be retrieved: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                InAppWorker.stackTrace(e));
    }
}
