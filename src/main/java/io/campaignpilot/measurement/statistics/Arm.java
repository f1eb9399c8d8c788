package io.campaignpilot.measurement.statistics;

import java.util.Arrays;

/**
 * One arm of a campaign's experiment (treatment or holdout) summarised for one metric: how many customers, how many
 * of them had a non-zero outcome (bought, for conversion and revenue), the mean per customer and its sample variance.
 */
public record Arm(long customers, long events, double mean, double variance) {
    public Arm {
        if (customers < 0 || events < 0 || events > customers) {
            throw new IllegalArgumentException("an arm needs 0 <= events <= customers, was " + events + " of " + customers);
        }
        if (variance < 0 || Double.isNaN(mean)) {
            throw new IllegalArgumentException("an arm needs a mean and a variance >= 0");
        }
    }

    /** Conversion: the share of customers who bought, with the sample variance of a 0/1 outcome. */
    public static Arm ofConversions(long customers, long converted) {
        if (customers == 0) {
            return new Arm(0, 0, 0, 0);
        }
        double p = (double) converted / customers;
        double variance = customers < 2 ? 0 : p * (1 - p) * customers / (customers - 1);
        return new Arm(customers, converted, p, variance);
    }

    /** Any per-customer metric (revenue, margin), one value per customer of the arm, zeros included. */
    public static Arm of(double[] perCustomer) {
        long n = perCustomer.length;
        if (n == 0) {
            return new Arm(0, 0, 0, 0);
        }
        double mean = Arrays.stream(perCustomer).sum() / n;
        double squares = Arrays.stream(perCustomer).map(v -> (v - mean) * (v - mean)).sum();
        long events = Arrays.stream(perCustomer).filter(v -> v != 0).count();
        return new Arm(n, events, mean, n < 2 ? 0 : squares / (n - 1));
    }

    /** The variance of this arm's mean. */
    double varianceOfMean() {
        return variance / customers;
    }
}
