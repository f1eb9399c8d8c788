package io.campaignpilot.audience;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.math.BigDecimal;

/**
 * The global control group ({@code campaignpilot.audience.control-group.*}).
 *
 * @param sharePercent share of all customers that no campaign contacts, to measure what the whole programme adds
 *                     (0 turns it off)
 * @param reshuffle    when a new period with new members begins (a Spring cron expression; the first day of each
 *                     month by default), so no customer is left out of every campaign for ever
 */
@ConfigurationProperties("campaignpilot.audience.control-group")
@Validated
public record ControlGroupProperties(
        @DecimalMin(value = "0", message = "campaignpilot.audience.control-group.share-percent must be between 0 and 50")
        @DecimalMax(value = "50", message = "campaignpilot.audience.control-group.share-percent must be between 0 and 50")
        @DefaultValue("5") BigDecimal sharePercent,
        @DefaultValue("0 0 3 1 * *") String reshuffle) {
}
