package io.campaignpilot.knowledge;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.function.Supplier;

/** How long grounding a campaign in the knowledge base takes, and how often Elasticsearch was not there for it. */
@Component
public class KnowledgeMetrics {
    private final MeterRegistry registry;

    public KnowledgeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** For a retriever built outside the application (benchmarks, tests): timings go nowhere. */
    static KnowledgeMetrics none() {
        return new KnowledgeMetrics(new SimpleMeterRegistry());
    }

    /** Times a retrieval: ok, unavailable (Elasticsearch down or too slow) or failed (anything else). */
    <T> T retrieval(Supplier<T> retrieval) {
        long start = System.nanoTime();
        String outcome = "failed";
        try {
            T result = retrieval.get();
            outcome = "ok";
            return result;
        } catch (KnowledgeUnavailableException e) {
            outcome = "unavailable";
            throw e;
        } finally {
            Timer.builder("campaignpilot.retrieval.latency").description("Time to retrieve a campaign's grounding, by outcome")
                    .tag("outcome", outcome).publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(1))
                    .register(registry).record(Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
