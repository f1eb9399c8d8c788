package io.campaignpilot.process;

import io.campaignpilot.engine.ProcessNames;
import io.campaignpilot.learning.CampaignLearnings;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;

/**
 * "Put learning into use" (topic {@code learning-publication}): records the lead's approval with their text and
 * writes the learning to search, with no transaction open. If search is away the approval stands and the index
 * catches up on its own retry; a retried task finds the learning approved and does nothing twice.
 */
@Component
class PublishLearning implements TopicWork {
    private final CampaignLearnings learnings;
    private final WorkerSettings settings;

    PublishLearning(CampaignLearnings learnings, WorkerProperties workers) {
        this.learnings = learnings;
        this.settings = workers.learning().settings(Duration.ofMinutes(1));
    }

    @Override
    public String topic() {
        return ProcessNames.LEARNING_PUBLICATION_TOPIC;
    }

    @Override
    public List<String> variables() {
        return List.of(ProcessNames.CAMPAIGN_ID, ProcessNames.LEARNING_DOC_ID, ProcessNames.LEARNING_VERSION,
                ProcessNames.LEARNING_TEXT, ProcessNames.LEARNING_COMMENT, ProcessNames.LEARNING_DECIDED_BY);
    }

    @Override
    public WorkerSettings settings() {
        return settings;
    }

    @Override
    public Outcome work(Task task, Lease lease) {
        learnings.approve(task.campaignId(), task.string(ProcessNames.LEARNING_DOC_ID),
                task.integer(ProcessNames.LEARNING_VERSION, 0), task.string(ProcessNames.LEARNING_DECIDED_BY),
                task.string(ProcessNames.LEARNING_TEXT), task.string(ProcessNames.LEARNING_COMMENT));
        return Outcome.done();
    }

    @Override
    public Failure failure(Task task, RuntimeException e) {
        return new Failure("the approved learning could not be put into use: " + e.getClass().getSimpleName() + ": "
                + e.getMessage(), InAppWorker.stackTrace(e));
    }
}
