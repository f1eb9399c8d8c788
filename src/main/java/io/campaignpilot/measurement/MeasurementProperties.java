package io.campaignpilot.measurement;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Measuring a campaign ({@code campaignpilot.measurement.*}).
 *
 * @param window how long after publishing purchases count towards the campaign's lift and margin
 */
@ConfigurationProperties("campaignpilot.measurement")
@Validated
public record MeasurementProperties(
        @DurationMin(minutes = 1, message = "campaignpilot.measurement.window must be at least a minute")
        @DefaultValue("P14D") Duration window) {
}
