package io.campaignpilot.measurement.statistics;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Simulated campaigns over synthetic populations with a known true effect: how often the 95 % interval of the relative
 * conversion lift covers the true lift, how often a campaign with no effect is called significant, and whether a
 * sample-ratio mismatch is caught. Seeded, so every run draws the same populations.
 */
class MeasurementSimulationTest {
    private static final int RUNS = 2_000;
    private static final int CUSTOMERS = 20_000;
    private static final double HOLDOUT_SHARE = 0.10;
    private static final double BASE_RATE = 0.05;
    private static final double TRUE_LIFT = 0.20;

    @Test
    void intervalsCoverTheTrueLiftAndNoEffectIsRarelyCalledSignificant() {
        SplittableRandom random = new SplittableRandom(20261202);
        int covered = 0;
        int revenueCovered = 0;
        for (int run = 0; run < RUNS; run++) {
            Campaign c = simulate(random, TRUE_LIFT);
            Comparison conversion = Inference.compare(c.treatment, c.holdout);
            covered += conversion.relativeLift().covers(TRUE_LIFT) ? 1 : 0;
            Comparison revenue = Inference.compare(Arm.of(c.treatmentRevenue), Arm.of(c.holdoutRevenue));
            revenueCovered += revenue.difference().covers(BASE_RATE * TRUE_LIFT * MEAN_BASKET) ? 1 : 0;
        }
        int falsePositives = 0;
        for (int run = 0; run < RUNS; run++) {
            Campaign c = simulate(random, 0);
            falsePositives += Inference.compare(c.treatment, c.holdout).significant() ? 1 : 0;
        }
        boolean srmDetected = Inference.sampleRatio(9_600, 10_400, 0.5).mismatch()
                && !Inference.sampleRatio(10_000, 10_000, 0.5).mismatch();
        double coverage = (double) covered / RUNS;
        double falsePositiveRate = (double) falsePositives / RUNS;

        assertThat(coverage).isBetween(0.93, 0.97);
        assertThat((double) revenueCovered / RUNS).as("revenue per customer").isBetween(0.93, 0.97);
        assertThat(falsePositiveRate).isLessThanOrEqualTo(0.06);
        assertThat(srmDetected).isTrue();
        System.out.printf(Locale.ROOT, "MEASUREMENT SIMULATION runs=%d coverage=%.4f falsePositiveRate=%.4f srmDetected=%s%n",
                2 * RUNS, coverage, falsePositiveRate, srmDetected);
    }

    private static final double MEAN_BASKET = 40;

    private record Campaign(Arm treatment, Arm holdout, double[] treatmentRevenue, double[] holdoutRevenue) {
    }

    /** One campaign: customers split at random, each buys with the arm's rate and spends an exponential basket. */
    private static Campaign simulate(SplittableRandom random, double lift) {
        int holdoutSize = 0;
        for (int i = 0; i < CUSTOMERS; i++) {
            holdoutSize += random.nextDouble() < HOLDOUT_SHARE ? 1 : 0;
        }
        double[] holdout = outcomes(random, holdoutSize, BASE_RATE);
        double[] treatment = outcomes(random, CUSTOMERS - holdoutSize, BASE_RATE * (1 + lift));
        return new Campaign(Arm.ofConversions(treatment.length, buyers(treatment)),
                Arm.ofConversions(holdout.length, buyers(holdout)), treatment, holdout);
    }

    private static double[] outcomes(SplittableRandom random, int customers, double rate) {
        double[] revenue = new double[customers];
        for (int i = 0; i < customers; i++) {
            revenue[i] = random.nextDouble() < rate ? -MEAN_BASKET * Math.log(1 - random.nextDouble()) : 0;
        }
        return revenue;
    }

    private static long buyers(double[] revenue) {
        return java.util.Arrays.stream(revenue).filter(v -> v > 0).count();
    }
}
