package io.campaignpilot.review;

import io.campaignpilot.engine.CampaignEngine;
import io.campaignpilot.platform.MetricsProperties;
import io.campaignpilot.platform.Snapshot;
import io.campaignpilot.review.ReviewCompletion.Review;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Open review tasks per review (marketing, legal) and the age of the oldest: a queue that grows or ages is where
 * campaigns wait for people. Read from the engine at most once per refresh interval, however often it is scraped.
 */
@Component
class ReviewQueueMetrics {
    private record Queue(long open, double oldestSeconds) {
    }

    private final CampaignEngine engine;
    private final Snapshot<Map<Review, Queue>> queues;

    ReviewQueueMetrics(CampaignEngine engine, MeterRegistry registry, MetricsProperties metrics) {
        this.engine = engine;
        this.queues = new Snapshot<>(metrics.refresh(), Map.of(), this::read);
        for (Review review : Review.values()) {
            Gauge.builder("campaignpilot.review.queue.size", () -> queue(review).open())
                    .description("Open review tasks").tag("task", review.taskKey()).register(registry);
            TimeGauge.builder("campaignpilot.review.queue.oldest.age", () -> queue(review).oldestSeconds(), TimeUnit.SECONDS)
                    .description("Age of the oldest open review task").tag("task", review.taskKey()).register(registry);
        }
    }

    private Queue queue(Review review) {
        return queues.get().getOrDefault(review, new Queue(0, 0));
    }

    /** Two cheap queries per review: a count, and the oldest task by creation time. */
    private Map<Review, Queue> read() {
        Map<Review, Queue> read = new EnumMap<>(Review.class);
        long now = System.currentTimeMillis();
        for (Review review : Review.values()) {
            CampaignEngine.TaskQueue queue = engine.taskQueue(review.taskKey());
            double age = queue.oldestCreated() == null ? 0
                    : Math.max(0, now - queue.oldestCreated().toEpochMilli()) / 1000.0;
            read.put(review, new Queue(queue.open(), age));
        }
        return read;
    }
}
