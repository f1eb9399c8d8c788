package io.campaignpilot.measurement.statistics;

/**
 * Treatment against holdout for one metric. {@code difference} is treatment minus holdout per customer (Welch's
 * interval); {@code relativeLift} is treatment over holdout minus one (delta-method interval), null when the holdout's
 * mean is zero. {@code warning} says why there is no verdict (too few customers or buyers); then {@link #significant()}
 * is false whatever the p-value.
 */
public record Comparison(Arm treatment, Arm holdout, double confidence, Interval difference, Interval relativeLift,
                         double tStatistic, double degreesOfFreedom, double pValue, String warning) {

    public boolean significant() {
        return warning == null && pValue < 1 - confidence;
    }
}
