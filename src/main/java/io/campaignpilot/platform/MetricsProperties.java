package io.campaignpilot.platform;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Gauges read from the database or the engine ({@code campaignpilot.metrics.*}).
 *
 * @param refresh how old such a gauge may be: however often Prometheus scrapes, each node reads at most once a refresh
 */
@ConfigurationProperties("campaignpilot.metrics")
@Validated
public record MetricsProperties(
        @DurationMin(millis = 1, message = "campaignpilot.metrics.refresh must be positive")
        @DefaultValue("PT5S") Duration refresh) {
}
