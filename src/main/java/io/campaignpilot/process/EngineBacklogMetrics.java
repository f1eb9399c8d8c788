package io.campaignpilot.process;

import io.campaignpilot.platform.MetricsProperties;
import io.campaignpilot.platform.Snapshot;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Work the engine has waiting: jobs due that no job executor holds, and external tasks no in-app worker holds, per
 * topic. A backlog that grows means the nodes do not keep up. Read at most once per refresh interval (cluster-wide
 * figures: every node reports the same, so a dashboard takes the max, not the sum).
 */
@Component
class EngineBacklogMetrics {
    private record Backlog(long jobs, Map<String, Long> byTopic) {
    }

    private final ManagementService management;
    private final ExternalTaskService externalTasks;
    private final List<String> topics;
    private final Snapshot<Backlog> backlog;

    EngineBacklogMetrics(ManagementService management, ExternalTaskService externalTasks, List<TopicWork> works,
                         MeterRegistry registry, MetricsProperties metrics) {
        this.management = management;
        this.externalTasks = externalTasks;
        this.topics = works.stream().map(TopicWork::topic).distinct().toList();
        this.backlog = new Snapshot<>(metrics.refresh(), new Backlog(0, Map.of()), this::read);
        Gauge.builder("campaignpilot.jobs.backlog", () -> backlog.get().jobs())
                .description("Jobs due and not locked by any job executor").register(registry);
        for (String topic : topics) {
            Gauge.builder("campaignpilot.external.tasks.backlog", () -> backlog.get().byTopic().getOrDefault(topic, 0L))
                    .description("External tasks waiting for a worker, per topic").tag("topic", topic).register(registry);
        }
    }

    private Backlog read() {
        // executable: retries left and due; acquired: locked by a job executor right now
        long due = management.createJobQuery().executable().active().count();
        long held = management.createJobQuery().executable().active().acquired().count();
        Map<String, Long> byTopic = new LinkedHashMap<>();
        for (String topic : topics) {
            byTopic.put(topic, externalTasks.createExternalTaskQuery().topicName(topic).notLocked().active().withRetriesLeft().count());
        }
        return new Backlog(Math.max(0, due - held), byTopic);
    }
}
