package io.campaignpilot.measurement.statistics;

/**
 * Whether the arms came out in the proportions the assignment intended (a chi-squared goodness-of-fit test). A
 * mismatch means the split itself went wrong (a filter, a bug, lost exposures) and no result of the campaign can be
 * trusted until it is explained.
 */
public record SampleRatio(long treatment, long holdout, double expectedTreatmentShare, double chiSquare, double pValue) {
    /** Flagged below this p-value: strict, because a real mismatch is far below it and a false alarm costs a result. */
    public static final double THRESHOLD = 0.001;

    public boolean mismatch() {
        return pValue < THRESHOLD;
    }
}
