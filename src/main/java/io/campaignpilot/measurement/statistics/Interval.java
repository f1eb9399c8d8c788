package io.campaignpilot.measurement.statistics;

/** An estimate with the bounds of its confidence interval. */
public record Interval(double estimate, double low, double high) {
    public boolean covers(double value) {
        return low <= value && value <= high;
    }

    /** The same interval moved down by a known amount (a cost counted exactly, with no uncertainty of its own). */
    public Interval minus(double amount) {
        return new Interval(estimate - amount, low - amount, high - amount);
    }

    /** The same interval scaled (per customer to a whole arm, a share to percent). */
    public Interval times(double factor) {
        double a = low * factor;
        double b = high * factor;
        return new Interval(estimate * factor, Math.min(a, b), Math.max(a, b));
    }
}
