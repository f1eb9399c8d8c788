package io.campaignpilot.generation;

import io.campaignpilot.platform.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * What the model costs and how it behaves, per model: calls by outcome, tokens, latency, retries, and how often the
 * grounded generator had to stand in; and how long a whole generation round (all channels, in parallel) takes.
 */
@Component
public class GenerationMetrics {
    /** How a call to the model ended: it answered (whatever the answer), it failed, or it did not answer in time. */
    enum CallOutcome {
        OK, FAILED, TIMEOUT;

        String tag() {
            return name().toLowerCase();
        }
    }

    private final MeterRegistry registry;

    public GenerationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** For a model used outside the application (tests): counts go nowhere. */
    static GenerationMetrics none() {
        return new GenerationMetrics(new SimpleMeterRegistry());
    }

    /** One call as the generator waits for it, its retries and their waits included. */
    void call(String model, CallOutcome outcome, Duration took, int retries, Integer inputTokens, Integer outputTokens) {
        Counter.builder("campaignpilot.model.calls").description("Calls to the model, by how they ended")
                .tag("model", model).tag("outcome", outcome.tag()).register(registry).increment();
        Timer.builder("campaignpilot.model.latency").description("Time a call to the model takes, retries included")
                .tag("model", model).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10)).maximumExpectedValue(Duration.ofMinutes(3))
                .register(registry).record(took);
        if (retries > 0) {
            Counter.builder("campaignpilot.model.retries").description("Calls to the model tried again (rate limits, server errors, timeouts)")
                    .tag("model", model).register(registry).increment(retries);
        }
        tokens(model, "input", inputTokens);
        tokens(model, "output", outputTokens);
    }

    private void tokens(String model, String kind, Integer count) {
        if (count != null && count > 0) {
            Counter.builder("campaignpilot.model.tokens").description("Tokens the model was paid for")
                    .tag("model", model).tag("kind", kind).register(registry).increment(count);
        }
    }

    /** The grounded generator wrote a variant because this model gave no usable copy (or the budget was spent). */
    void fallback(String model) {
        Counter.builder("campaignpilot.model.fallbacks").description("Variants the grounded generator wrote instead of the model")
                .tag("model", model).register(registry).increment();
    }

    /** A generation round has joined: first channel started to last channel written. */
    void round(Duration took) {
        Timer timer = Timer.builder("campaignpilot.generation.round")
                .description("Wall time of one generation round over all channels of a campaign")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10)).maximumExpectedValue(Duration.ofMinutes(30))
                .register(registry);
        AfterCommit.run(() -> timer.record(took));
    }
}
