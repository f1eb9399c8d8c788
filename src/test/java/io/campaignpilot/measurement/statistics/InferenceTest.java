package io.campaignpilot.measurement.statistics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Against published worked examples: Welch's t-test, examples 1 and 3 of the Wikipedia article "Welch's t-test"
 * (t, degrees of freedom, p as printed there; the interval as R's t.test and SciPy's ttest_ind(equal_var=False) give
 * it), and the chi-squared goodness of fit of a 48/52 split.
 */
class InferenceTest {
    private static final double[] A1 = {27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4};
    private static final double[] A2 = {27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4};
    private static final double[] B1 = {19.8, 20.4, 19.6, 17.8, 18.5, 18.9, 18.3, 18.9, 19.5, 22.0};
    private static final double[] B2 = {28.2, 26.6, 20.1, 23.3, 25.2, 22.1, 17.7, 27.6, 20.6, 13.7, 23.2, 17.5, 20.6, 18.0,
            23.9, 21.6, 24.3, 20.4, 23.9, 13.3};
    private static final MinimumSample ANY = new MinimumSample(2, 0);

    @Test
    void welchExampleOneEqualSizes() {
        Comparison c = Inference.compare(Arm.of(A1), Arm.of(A2), 0.95, ANY);
        assertThat(c.tStatistic()).isCloseTo(-2.46, within(0.005));
        assertThat(c.degreesOfFreedom()).isCloseTo(24.99, within(0.005));
        assertThat(c.pValue()).isCloseTo(0.021, within(0.0005));
        assertThat(c.difference().estimate()).isCloseTo(-2.1667, within(0.0001));
        assertThat(c.difference().low()).isCloseTo(-3.9841, within(0.0001));
        assertThat(c.difference().high()).isCloseTo(-0.3492, within(0.0001));
        assertThat(c.significant()).isTrue();
    }

    @Test
    void welchExampleThreeUnequalSizesAndVariances() {
        Comparison c = Inference.compare(Arm.of(B1), Arm.of(B2), 0.95, ANY);
        assertThat(c.tStatistic()).isCloseTo(-2.22, within(0.01));
        assertThat(c.degreesOfFreedom()).isCloseTo(24.5, within(0.05));
        assertThat(c.pValue()).isCloseTo(0.036, within(0.0006)); // printed to two figures
        assertThat(c.difference().low()).isCloseTo(-4.2765, within(0.0001));
        assertThat(c.difference().high()).isCloseTo(-0.1635, within(0.0001));
    }

    @Test
    void conversionArmsAreBernoulli() {
        Arm arm = Arm.ofConversions(1000, 50);
        assertThat(arm.mean()).isEqualTo(0.05);
        assertThat(arm.variance()).isCloseTo(0.05 * 0.95 * 1000 / 999, within(1e-12));
        assertThat(arm.events()).isEqualTo(50);
    }

    @Test
    void relativeLiftByTheDeltaMethod() {
        // 6.0 % against 5.0 %: +20 %; se^2 = var_t/(n_t m_h^2) + m_t^2 var_h/(n_h m_h^4)
        Arm treatment = Arm.ofConversions(18_000, 1_080);
        Arm holdout = Arm.ofConversions(2_000, 100);
        Comparison c = Inference.compare(treatment, holdout);
        double se = Math.sqrt(treatment.variance() / 18_000 / 0.0025 + 0.0036 * holdout.variance() / 2_000 / (0.05 * 0.05 * 0.05 * 0.05));
        assertThat(c.relativeLift().estimate()).isCloseTo(0.20, within(1e-9));
        assertThat(c.relativeLift().high() - c.relativeLift().estimate()).isCloseTo(1.959964 * se, within(1e-6));
        assertThat(Inference.compare(treatment, Arm.ofConversions(2_000, 0)).relativeLift())
                .as("no holdout buyer: no relative lift").isNull();
    }

    @Test
    void tooFewBuyersGiveAWarningNotAVerdict() {
        Comparison c = Inference.compare(Arm.ofConversions(5_000, 400), Arm.ofConversions(60, 1));
        assertThat(c.warning()).isEqualTo("too few to judge: holdout has 60 customers and 1 buyers (needs 100 and 10)");
        assertThat(c.significant()).isFalse();
        assertThat(Inference.compare(Arm.ofConversions(1, 1), Arm.ofConversions(0, 0)).difference()).isNull();
    }

    @Test
    void identicalOutcomesEverywhereAreNoDifference() {
        Comparison c = Inference.compare(Arm.ofConversions(500, 0), Arm.ofConversions(500, 0), 0.95, ANY);
        assertThat(c.pValue()).isEqualTo(1);
        assertThat(c.difference()).isEqualTo(new Interval(0, 0, 0));
    }

    @Test
    void sampleRatioMismatch() {
        SampleRatio skewed = Inference.sampleRatio(9_600, 10_400, 0.5);
        assertThat(skewed.chiSquare()).isCloseTo(32.0, within(1e-9));
        assertThat(skewed.pValue()).isCloseTo(1.5417e-8, within(1e-11));
        assertThat(skewed.mismatch()).isTrue();
        assertThat(Inference.sampleRatio(10_000, 10_000, 0.5).mismatch()).isFalse();
        assertThat(Inference.sampleRatio(18_050, 1_950, 0.9).mismatch()).as("a 90/10 split within chance").isFalse();
    }

    @Test
    void cupedKeepsTheDifferenceAndShrinksTheVariance() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        int n = 4_000;
        double[] before = new double[n];
        double[] after = new double[n];
        for (int i = 0; i < n; i++) {
            before[i] = 50 + 20 * random.nextGaussian();
            after[i] = 0.8 * before[i] + 10 * random.nextGaussian() + (i % 2 == 0 ? 2 : 0);
        }
        Cuped cuped = Cuped.fit(after, before);
        assertThat(cuped.theta()).isCloseTo(0.8, within(0.05));
        double[] adjusted = cuped.adjust(after, before);
        Comparison raw = Inference.compare(Arm.of(even(after)), Arm.of(odd(after)));
        Comparison reduced = Inference.compare(Arm.of(even(adjusted)), Arm.of(odd(adjusted)));
        assertThat(reduced.difference().estimate()).isCloseTo(raw.difference().estimate(), within(1.0));
        assertThat(reduced.difference().high() - reduced.difference().low())
                .isLessThan(0.7 * (raw.difference().high() - raw.difference().low()));
    }

    private static double[] even(double[] values) {
        return java.util.stream.IntStream.range(0, values.length).filter(i -> i % 2 == 0).mapToDouble(i -> values[i]).toArray();
    }

    private static double[] odd(double[] values) {
        return java.util.stream.IntStream.range(0, values.length).filter(i -> i % 2 == 1).mapToDouble(i -> values[i]).toArray();
    }
}
