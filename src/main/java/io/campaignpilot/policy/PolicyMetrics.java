package io.campaignpilot.policy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.function.Supplier;

/** Rule evaluations by the rules version that ran and the tier it decided, and how long the rules take. */
@Component
class PolicyMetrics {
    private final Timer evaluation;
    private final MeterRegistry registry;

    PolicyMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.evaluation = Timer.builder("campaignpilot.rules.evaluation").description("Time the rules take to judge a campaign's copy")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    PolicyResult evaluated(String rulesVersion, Supplier<PolicyResult> rules) {
        PolicyResult result = evaluation.record(rules);
        Counter.builder("campaignpilot.rules.evaluations").description("Rule evaluations, by rules version and decided tier")
                .tag("version", rulesVersion).tag("tier", result.tier().name()).register(registry).increment();
        return result;
    }
}
