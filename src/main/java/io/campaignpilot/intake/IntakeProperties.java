package io.campaignpilot.intake;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Broker intake ({@code campaignpilot.intake.*}); the broker itself is Spring's {@code spring.rabbitmq.*}.
 *
 * @param enabled      off on the embedded defaults (no broker): the REST doors take the same events
 * @param queuePrefix  the queues are {@code <prefix>triggers}, {@code <prefix>catalog}, {@code <prefix>orders} and
 *                     {@code <prefix>dead-letter}; the exchange {@code <prefix>intake} routes by the short name
 * @param consumers    listener threads, each holding at most one database connection
 * @param maxAttempts  tries of a message that cannot be applied yet (an early one) before it is set aside as failed
 * @param retryBackoff the first wait after a failed try; it doubles with each try, up to an hour
 * @param queueExpiry  unset in production; on a broker shared by test runs, the broker deletes a run's queues once
 *                     nobody has used them for this long
 */
@ConfigurationProperties("campaignpilot.intake")
@Validated
public record IntakeProperties(
        @DefaultValue("false") boolean enabled,
        @NotBlank(message = "campaignpilot.intake.queue-prefix must not be blank")
        @DefaultValue("campaignpilot.") String queuePrefix,
        @Min(value = 1, message = "campaignpilot.intake.consumers must be at least 1") @DefaultValue("2") int consumers,
        @Min(value = 1, message = "campaignpilot.intake.max-attempts must be at least 1") @DefaultValue("30") int maxAttempts,
        @NotNull @DefaultValue("5s") Duration retryBackoff,
        @NotNull @DefaultValue("1s") Duration pollInterval,
        Duration queueExpiry) {

    public IntakeProperties {
        if (retryBackoff != null && (retryBackoff.isNegative() || retryBackoff.isZero())) {
            throw new IllegalArgumentException("campaignpilot.intake.retry-backoff must be positive");
        }
        if (pollInterval != null && (pollInterval.isNegative() || pollInterval.isZero())) {
            throw new IllegalArgumentException("campaignpilot.intake.poll-interval must be positive");
        }
        if (queueExpiry != null && queueExpiry.toMillis() < 1000) {
            throw new IllegalArgumentException("campaignpilot.intake.queue-expiry must be at least a second");
        }
    }

    String queue(String shortName) {
        return queuePrefix + shortName;
    }

    /** Where integrators publish, with the queue's short name as the routing key. */
    public String exchange() {
        return queuePrefix + "intake";
    }

    String deadLetterExchange() {
        return queuePrefix + "dead-letter";
    }

    String deadLetterQueue() {
        return queue("dead-letter");
    }
}
