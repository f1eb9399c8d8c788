package io.campaignpilot.measurement.statistics;

/**
 * CUPED (Deng et al., 2013): each customer's metric less theta times their pre-period value's distance from its mean,
 * theta = cov(metric, pre-period) / var(pre-period) over both arms together. The difference between arms is unchanged
 * in expectation; its variance shrinks by the squared correlation, so the same campaign reaches a verdict sooner.
 */
public record Cuped(double theta, double covariateMean) {

    /** Fits theta on all customers of both arms (metric and pre-period value at the same index). */
    public static Cuped fit(double[] metric, double[] prePeriod) {
        if (metric.length != prePeriod.length || metric.length < 2) {
            throw new IllegalArgumentException("CUPED needs a pre-period value for each of at least 2 customers");
        }
        int n = metric.length;
        double meanY = 0;
        double meanX = 0;
        for (int i = 0; i < n; i++) {
            meanY += metric[i] / n;
            meanX += prePeriod[i] / n;
        }
        double covariance = 0;
        double variance = 0;
        for (int i = 0; i < n; i++) {
            covariance += (metric[i] - meanY) * (prePeriod[i] - meanX);
            variance += (prePeriod[i] - meanX) * (prePeriod[i] - meanX);
        }
        // no pre-period variation: nothing to adjust by
        return new Cuped(variance == 0 ? 0 : covariance / variance, meanX);
    }

    public double[] adjust(double[] metric, double[] prePeriod) {
        double[] adjusted = new double[metric.length];
        for (int i = 0; i < metric.length; i++) {
            adjusted[i] = metric[i] - theta * (prePeriod[i] - covariateMean);
        }
        return adjusted;
    }
}
