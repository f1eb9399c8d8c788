package io.campaignpilot.policy;

/** Thresholds from configuration, inserted as a fact so rules read them instead of hard-coding numbers. */
public record Thresholds(double marginFloor, double marginReviewBuffer, int lowStock, int smsMaxLength,
                         int subjectMaxLength, int deepDiscount, int modestDiscount, int largeReach, int smallReach) {
}
