package io.campaignpilot.measurement.statistics;

/** An estimate with the bounds of its confidence interval. */
public record Interval(double estimate, double low, double high) {
    public boolean covers(double value) {
        return low <= value && value <= high;
    }

    /** The same interval scaled (per customer to a whole arm, a share to percent). */
    public Interval times(double factor) {
        double a = low * factor;
        double b = high * factor;
        return new Interval(estimate * factor, Math.min(a, b), Math.max(a, b));
    }
}
