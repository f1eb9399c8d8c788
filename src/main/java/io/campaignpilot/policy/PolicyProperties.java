package io.campaignpilot.policy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param rulesDir optional folder of .drl files that replaces the packaged rules/ (process owners' edits)
 */
@ConfigurationProperties("campaignpilot.policy")
public record PolicyProperties(
        String rulesDir,
        @DefaultValue("0.25") double marginFloor,
        @DefaultValue("0.05") double marginReviewBuffer,
        @DefaultValue("25") int lowStock,
        @DefaultValue("160") int smsMaxLength,
        @DefaultValue("60") int subjectMaxLength,
        @DefaultValue("40") int deepDiscount,
        @DefaultValue("15") int modestDiscount,
        @DefaultValue("1000") int largeReach,
        @DefaultValue("300") int smallReach) {

    public Thresholds thresholds() {
        return new Thresholds(marginFloor, marginReviewBuffer, lowStock, smsMaxLength, subjectMaxLength,
                deepDiscount, modestDiscount, largeReach, smallReach);
    }
}
