package io.campaignpilot.targeting;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Predictive targeting ({@code campaignpilot.targeting.*}).
 *
 * @param expectedValueFloor the least expected value (propensity x margin after discount, in the catalog's currency)
 *                           a customer must carry to be in a model-ranked audience: below it an offer costs more
 *                           attention than it earns
 * @param labelWindow        how far ahead a model predicts a purchase; also the width of the held-out test window
 * @param minimumAuc         a newly trained model with a lower holdout AUC is not put into use (the rule stays)
 * @param retrain            when every category's model is trained again on the newest history (a Spring cron)
 */
@ConfigurationProperties("campaignpilot.targeting")
@Validated
public record TargetingProperties(
        @NotNull @DecimalMin(value = "0", message = "campaignpilot.targeting.expected-value-floor must not be negative")
        @DefaultValue("0.50") BigDecimal expectedValueFloor,
        @DurationMin(days = 1, message = "campaignpilot.targeting.label-window must be at least a day")
        @DefaultValue("P30D") Duration labelWindow,
        @DecimalMin(value = "0.5", message = "campaignpilot.targeting.minimum-auc must be between 0.5 and 1")
        @DecimalMax(value = "1", message = "campaignpilot.targeting.minimum-auc must be between 0.5 and 1")
        @DefaultValue("0.60") double minimumAuc,
        @DefaultValue("0 30 2 * * *") String retrain) {
}
