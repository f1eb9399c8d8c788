package io.campaignpilot.policy;

import io.campaignpilot.audience.FrequencyCap;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Policy settings ({@code campaignpilot.policy.*}): where the rules come from and the thresholds they read.
 *
 * The frequency cap, under the same prefix, is {@link FrequencyCap}: the audience query applies it too.
 *
 * @param rulesDir            optional folder of .drl files, read after the packaged rules/; a file with the same name
 *                            replaces the packaged one, a new name adds a rule file
 * @param syncInterval        how often every node checks the cluster's active rule set ({@link ClusterRules})
 * @param defaults            thresholds for every category
 * @param categories          per-category overrides of {@code defaults} (unset fields keep the default)
 * @param sensitiveCategories categories where copy from the fallback generator needs at least a marketing review
 */
@ConfigurationProperties("campaignpilot.policy")
@Validated
public record PolicyProperties(
        String rulesDir,
        @DurationMin(millis = 1, message = "campaignpilot.policy.sync-interval must be positive")
        @DefaultValue("2s") Duration syncInterval,
        @DefaultValue Category defaults,
        Map<String, Category> categories,
        @DefaultValue({"supplements", "alcohol", "beauty", "toys"}) List<String> sensitiveCategories,
        @DefaultValue("40") int deepDiscount,
        @DefaultValue("15") int modestDiscount,
        @DefaultValue("1000") int largeReach,
        @DefaultValue("300") int smallReach) {

    /** Thresholds of one category; null fields in an override fall back to the defaults. */
    public record Category(
            @DefaultValue("0.25") Double marginFloor,
            @DefaultValue("0.05") Double marginReviewBuffer,
            @DefaultValue("25") Integer lowStock,
            @DefaultValue("0.03") Double redemptionRate) {
    }

    public CategoryThresholds thresholdsFor(String category) {
        Category override = categories == null ? null : categories.get(category);
        return new CategoryThresholds(category,
                pick(override == null ? null : override.marginFloor(), defaults.marginFloor()),
                pick(override == null ? null : override.marginReviewBuffer(), defaults.marginReviewBuffer()),
                pick(override == null ? null : override.lowStock(), defaults.lowStock()),
                pick(override == null ? null : override.redemptionRate(), defaults.redemptionRate()),
                sensitiveCategories.contains(category));
    }

    public Thresholds thresholds(FrequencyCap frequency) {
        return new Thresholds(deepDiscount, modestDiscount, largeReach, smallReach, frequency.frequencyCap(),
                frequency.frequencyWindow().toDays());
    }

    private static <T> T pick(T override, T fallback) {
        return override != null ? override : fallback;
    }
}
