package io.campaignpilot.process;

import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.catalog.Catalog;
import io.campaignpilot.catalog.Product;
import io.campaignpilot.knowledge.GroundingSource;
import io.campaignpilot.knowledge.GroundingStore;
import io.campaignpilot.knowledge.KnowledgeRetriever;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

@Component("retrieveGrounding")
public class RetrieveGrounding implements JavaDelegate {
    private final CampaignRepository campaigns;
    private final Catalog catalog;
    private final KnowledgeRetriever retriever;
    private final GroundingStore grounding;
    private final AuditLog audit;

    public RetrieveGrounding(CampaignRepository campaigns, Catalog catalog, KnowledgeRetriever retriever,
                             GroundingStore grounding, AuditLog audit) {
        this.campaigns = campaigns;
        this.catalog = catalog;
        this.retriever = retriever;
        this.grounding = grounding;
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String id = Vars.campaignId(execution);
        Campaign c = campaigns.find(id).orElseThrow();
        List<Product> products = catalog.findAll(c.skus());
        String text = c.title() + ". " + (c.objective() == null ? "" : c.objective() + ". ")
                + String.join(". ", products.stream().map(p -> p.name() + " " + p.category()).toList());
        List<GroundingSource> sources = retriever.retrieve(new KnowledgeRetriever.Request(text, c.region(),
                products.getFirst().category(), c.skus()));
        grounding.replace(id, sources);
        execution.setVariable("sourcesCount", sources.size());
        audit.record(id, "knowledge", "GROUNDING_RETRIEVED", Map.of("sources", sources.stream()
                .map(s -> s.number() + ": " + s.chunkId() + " (" + s.type() + " v" + s.version() + ", score "
                        + String.format("%.3f", s.score()) + ")").toList()));
    }
}
