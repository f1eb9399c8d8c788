package io.campaignpilot.results;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** A figure with the bounds of its 95 % interval; a bound is null where none could be computed. */
public record Estimate(BigDecimal estimate, BigDecimal low, BigDecimal high) {

    static Estimate of(Double estimate, Double low, Double high, int scale) {
        return estimate == null ? null : new Estimate(round(estimate, scale), round(low, scale), round(high, scale));
    }

    static Estimate of(BigDecimal estimate, BigDecimal low, BigDecimal high) {
        return estimate == null ? null : new Estimate(estimate, low, high);
    }

    private static BigDecimal round(Double value, int scale) {
        return value == null || !Double.isFinite(value) ? null : BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
    }
}
