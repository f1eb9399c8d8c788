package io.campaignpilot.measurement;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A campaign's measured effect: buyers in treatment against the holdout, incremental lift
 * ((treatment rate - holdout rate) / holdout rate), incremental revenue and its contribution margin, each with how
 * sure it is ({@link Confidence}). Null until the window has closed and the campaign was measured.
 */
public record Measurement(String campaignId, Instant scheduledAt, Instant windowEndsAt, Instant measuredAt,
                          Integer treatmentSize, Integer holdoutSize, Integer treatmentBuyers, Integer holdoutBuyers,
                          Double incrementalLift, BigDecimal incrementalRevenue, BigDecimal contributionMargin,
                          Confidence confidence) {

    /**
     * 95 % intervals and two-sided p-values (README, "How results are computed"), whether the arms came out in the
     * intended split, and the verdict: LIFT or DROP when the conversion lift is significant, NO_EFFECT_SHOWN when it
     * is not, NO_VERDICT (with the warning saying why) when there are too few customers or buyers or the split is off.
     */
    public record Confidence(Double liftLow, Double liftHigh, Double liftPValue, BigDecimal incrementalRevenueLow,
                             BigDecimal incrementalRevenueHigh, Double revenuePValue, BigDecimal contributionMarginLow,
                             BigDecimal contributionMarginHigh, Double sampleRatioPValue, Boolean sampleRatioMismatch,
                             String verdict, String warning) {
    }
}
