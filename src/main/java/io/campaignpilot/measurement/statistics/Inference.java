package io.campaignpilot.measurement.statistics;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.TTest;

/** The few statistics measurement needs; every formula is written out in the README's "How results are computed". */
public final class Inference {
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private Inference() {
    }

    /**
     * Treatment against holdout: Welch's t-test and interval for the difference of means (unequal variances and
     * sizes, as a 90/10 split has), and the delta-method interval for the relative lift.
     */
    public static Comparison compare(Arm treatment, Arm holdout, double confidence, MinimumSample minimum) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1, was " + confidence);
        }
        String warning = minimum.shortfall(treatment, holdout);
        if (treatment.customers() < 2 || holdout.customers() < 2) {
            return new Comparison(treatment, holdout, confidence, null, null, Double.NaN, Double.NaN, Double.NaN, warning);
        }
        double difference = treatment.mean() - holdout.mean();
        double varianceOfDifference = treatment.varianceOfMean() + holdout.varianceOfMean();
        double alpha = 1 - confidence;
        double t;
        double df;
        double p;
        Interval absolute;
        if (varianceOfDifference == 0) {
            // every customer of each arm had the same outcome: the difference is what it is
            t = difference == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, difference);
            df = treatment.customers() + holdout.customers() - 2;
            p = difference == 0 ? 1 : 0;
            absolute = new Interval(difference, difference, difference);
        } else {
            TTest.Result welch = TTest.withDefaults().test(treatment.mean(), treatment.variance(), treatment.customers(),
                    holdout.mean(), holdout.variance(), holdout.customers());
            t = welch.getStatistic();
            df = welch.getDegreesOfFreedom();
            p = welch.getPValue();
            double margin = TDistribution.of(df).inverseSurvivalProbability(alpha / 2) * Math.sqrt(varianceOfDifference);
            absolute = new Interval(difference, difference - margin, difference + margin);
        }
        return new Comparison(treatment, holdout, confidence, absolute, relativeLift(treatment, holdout, alpha), t, df, p,
                warning);
    }

    public static Comparison compare(Arm treatment, Arm holdout) {
        return compare(treatment, holdout, 0.95, MinimumSample.DEFAULT);
    }

    /**
     * Relative lift r = mean_t / mean_h - 1 with Var(r) ~ var_t / (n_t mean_h^2) + mean_t^2 var_h / (n_h mean_h^4)
     * (first-order delta method) and a normal interval.
     */
    private static Interval relativeLift(Arm treatment, Arm holdout, double alpha) {
        double mh = holdout.mean();
        if (mh == 0) {
            return null;
        }
        double mt = treatment.mean();
        double variance = treatment.varianceOfMean() / (mh * mh) + mt * mt * holdout.varianceOfMean() / (mh * mh * mh * mh);
        double lift = mt / mh - 1;
        double margin = STANDARD_NORMAL.inverseSurvivalProbability(alpha / 2) * Math.sqrt(variance);
        return new Interval(lift, lift - margin, lift + margin);
    }

    /** The chi-squared goodness-of-fit of the arms' sizes to the intended treatment share (one degree of freedom). */
    public static SampleRatio sampleRatio(long treatment, long holdout, double expectedTreatmentShare) {
        if (!(expectedTreatmentShare > 0 && expectedTreatmentShare < 1)) {
            throw new IllegalArgumentException("the expected treatment share must be between 0 and 1");
        }
        if (treatment + holdout == 0) {
            return new SampleRatio(0, 0, expectedTreatmentShare, 0, 1);
        }
        var result = ChiSquareTest.withDefaults().test(new double[]{expectedTreatmentShare, 1 - expectedTreatmentShare},
                new long[]{treatment, holdout});
        return new SampleRatio(treatment, holdout, expectedTreatmentShare, result.getStatistic(), result.getPValue());
    }
}
