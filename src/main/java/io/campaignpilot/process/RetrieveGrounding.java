package io.campaignpilot.process;

import io.campaignpilot.engine.ProcessNames;
import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.knowledge.CampaignGrounding;
import io.campaignpilot.knowledge.GroundingSource;
import io.campaignpilot.knowledge.KnowledgeProperties;
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
    private final CampaignGrounding grounding;
    private final WorkerSettings settings;

    RetrieveGrounding(CampaignRepository campaigns, CampaignGrounding grounding, WorkerProperties workers,
                      KnowledgeProperties knowledge) {
        this.campaigns = campaigns;
        this.grounding = grounding;
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
        List<GroundingSource> sources = grounding.search(c);
        return Outcome.done(Map.of(ProcessNames.SOURCES_COUNT, sources.size()), () -> grounding.keep(id, sources));
    }

    @Override
    public Failure failure(Task task, RuntimeException e) {
        return new Failure("grounding could not be retrieved: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                InAppWorker.stackTrace(e));
    }
}
