package io.campaignpilot.publishing;

import io.campaignpilot.campaign.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The dispatch rate per channel and outcome, the deliveries that must wait for another try and why, and how long a
 * provider takes for one batch.
 */
@Component
class DispatchMetrics {
    /** Why deliveries go back to wait: the provider asked for a later try, or the channel itself failed. */
    static final String RETRYABLE = "retryable";
    static final String CHANNEL_UNAVAILABLE = "channel_unavailable";
    /** The adapter threw mid-batch: its deliveries stay claimed and become UNKNOWN, never resent blindly. */
    static final String SEND_ERROR = "send_error";

    private final MeterRegistry registry;

    DispatchMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Outcomes just recorded: SENT, QUEUED, BOUNCED, SKIPPED, UNKNOWN... */
    void recorded(Channel channel, List<DeliveryQueue.Outcome> outcomes) {
        outcomes.stream().collect(Collectors.groupingBy(DeliveryQueue.Outcome::status, Collectors.counting()))
                .forEach((status, count) -> recorded(channel, status, count));
    }

    void recorded(Channel channel, String status, long count) {
        if (count > 0) {
            Counter.builder("campaignpilot.dispatch.messages").description("Deliveries settled, by channel and outcome")
                    .tag("channel", channel.key()).tag("status", status).register(registry).increment(count);
        }
    }

    void failed(Channel channel, String reason, long deliveries) {
        if (deliveries > 0) {
            Counter.builder("campaignpilot.dispatch.failures").description("Deliveries that must wait for another try, by channel and reason")
                    .tag("channel", channel.key()).tag("reason", reason).register(registry).increment(deliveries);
        }
    }

    /** Times one batch through the channel's provider. */
    <T> T batch(Channel channel, Supplier<T> send) {
        return Timer.builder("campaignpilot.dispatch.batch").description("Time a provider takes for one batch of deliveries")
                .tag("channel", channel.key()).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry).record(send);
    }
}
