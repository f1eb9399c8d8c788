package io.campaignpilot.process;

import io.campaignpilot.engine.ProcessNames;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.generation.GenerationProperties;
import io.campaignpilot.generation.GenerationService;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * "Write variants for channel" (topic {@code copy-generation}, one task per channel): the model is called with no
 * transaction open and each variant is stored as it is written, so a retry reuses what an earlier attempt paid for.
 * The lock is renewed before each variant, for as long as the slowest model call with its retries and repair takes.
 */
@Component
class GenerateChannelVariant implements TopicWork {
    private final GenerationService generation;
    private final WorkerSettings settings;

    GenerateChannelVariant(GenerationService generation, WorkerProperties workers, GenerationProperties properties) {
        this.generation = generation;
        this.settings = workers.generation().settings(properties.longestVariant());
    }

    @Override
    public String topic() {
        return ProcessNames.COPY_TOPIC;
    }

    @Override
    public List<String> variables() {
        return List.of(ProcessNames.CAMPAIGN_ID, ProcessNames.GENERATION_ROUND, ProcessNames.CHANNEL);
    }

    @Override
    public WorkerSettings settings() {
        return settings;
    }

    @Override
    public Outcome work(Task task, Lease lease) {
        generation.generate(task.campaignId(), task.integer(ProcessNames.GENERATION_ROUND, 1),
                Channel.of(task.string(ProcessNames.CHANNEL)), lease::renew);
        return Outcome.done();
    }

    @Override
    public Failure failure(Task task, RuntimeException e) {
        return new Failure(task.string(ProcessNames.CHANNEL) + " copy could not be written: "
                + e.getClass().getSimpleName() + ": " + e.getMessage(), InAppWorker.stackTrace(e));
    }
}
