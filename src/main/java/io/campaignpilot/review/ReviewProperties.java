package io.campaignpilot.review;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How reviews run (campaignpilot.review): the time a reviewer has before the review escalates to their lead, how many
 * generation rounds a campaign gets before it ends not viable, and the share of LOW-tier campaigns that are sampled
 * for review after the fact.
 */
@Validated
@ConfigurationProperties("campaignpilot.review")
public record ReviewProperties(@DefaultValue("PT24H") Duration sla,
                               @DefaultValue("3") @Min(1) int maxGenerationRounds,
                               @DefaultValue("10") @Min(0) @Max(100) int lowTierSamplePercent) {
}
