package io.campaignpilot.security;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Protection of the API ({@code campaignpilot.security.*}).
 *
 * @param maxFailedLoginsPerMinute failed HTTP Basic logins per source address and minute on /api before it answers
 *                                 429 without asking Camunda (see {@link LoginThrottle})
 */
@ConfigurationProperties("campaignpilot.security")
@Validated
public record SecurityProperties(
        @Min(value = 1, message = "campaignpilot.security.max-failed-logins-per-minute must be at least 1")
        @DefaultValue("10") int maxFailedLoginsPerMinute) {
}
