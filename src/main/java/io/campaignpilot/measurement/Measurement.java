package io.campaignpilot.measurement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A campaign's measured effect: buyers in treatment against the holdout, incremental lift
 * ((treatment rate - holdout rate) / holdout rate), incremental revenue and the contribution after discount, send and model costs, each with how
 * sure it is ({@link Confidence}). Null until the window has closed and the campaign was measured.
 */
public record Measurement(String campaignId, Instant scheduledAt, Instant windowEndsAt, Instant measuredAt,
                          Integer treatmentSize, Integer holdoutSize, Integer treatmentBuyers, Integer holdoutBuyers,
                          Double incrementalLift, BigDecimal incrementalRevenue, BigDecimal contributionMargin,
                          Confidence confidence, Costs costs, List<Slice> slices) {

    /**
     * The result for the customers one channel reached ({@code variantNo} null) or one of its A/B arms, against the
     * holdout customers who consent to that channel (whom it could have reached): conversion, relative lift with its
     * 95 % interval and p-value, or the reason there is no verdict.
     */
    public record Slice(String channel, Integer variantNo, int sent, int buyers, int holdoutCustomers, int holdoutBuyers,
                        Double lift, Double liftLow, Double liftHigh, Double pValue, String warning) {
    }

    /**
     * What went into the contribution: the incremental gross margin had every treatment customer paid list price, the
     * discount given on every treatment purchase (also to those who would have bought anyway), and what sending and the
     * model calls cost. contributionMargin = (gross margin at list - discount, per customer against the holdout) -
     * sendCost - aiCost.
     */
    public record Costs(BigDecimal grossMarginAtList, BigDecimal discountCost, BigDecimal sendCost, BigDecimal aiCost) {
    }

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
