package io.campaignpilot.measurement;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * Measuring a campaign ({@code campaignpilot.measurement.*}).
 *
 * @param window   how long after publishing purchases count towards the campaign's lift and margin
 * @param sendCost what one message sent costs, by channel key (email, sms, push, web, social); a channel not named
 *                 costs nothing. Counted against the campaign's contribution.
 */
@ConfigurationProperties("campaignpilot.measurement")
@Validated
public record MeasurementProperties(
        @DurationMin(minutes = 1, message = "campaignpilot.measurement.window must be at least a minute")
        @DefaultValue("P14D") Duration window,
        Map<String, BigDecimal> sendCost) {

    public MeasurementProperties {
        sendCost = sendCost == null ? Map.of() : Map.copyOf(sendCost);
        sendCost.forEach((channel, cost) -> {
            if (cost.signum() < 0) {
                throw new IllegalArgumentException("campaignpilot.measurement.send-cost." + channel
                        + " must not be negative, was " + cost);
            }
        });
    }

    /** What one message sent on the channel costs (nothing when the channel is not named). */
    public BigDecimal sendCost(String channel) {
        return sendCost.getOrDefault(channel, BigDecimal.ZERO);
    }
}
