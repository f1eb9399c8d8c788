package io.campaignpilot.policy;

/** Campaign-wide thresholds from configuration, inserted as a fact so rules read them instead of hard-coding numbers. */
public record Thresholds(int deepDiscount, int modestDiscount, int largeReach, int smallReach, int frequencyCap,
                         long frequencyWindowDays) {
}
