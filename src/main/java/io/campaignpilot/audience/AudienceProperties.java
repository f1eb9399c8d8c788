package io.campaignpilot.audience;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a campaign's audience is split ({@code campaignpilot.audience.*}).
 *
 * @param holdoutPercent share of every audience that receives nothing, so measurement can compare buyers against it
 *                       (0 measures no lift; 100 would send to nobody)
 */
@ConfigurationProperties("campaignpilot.audience")
@Validated
public record AudienceProperties(
        @Min(value = 0, message = "campaignpilot.audience.holdout-percent must be between 0 and 99")
        @Max(value = 99, message = "campaignpilot.audience.holdout-percent must be between 0 and 99")
        @DefaultValue("10") int holdoutPercent) {
}
