package io.campaignpilot.measurement;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A campaign's measured effect: buyers in treatment against the holdout, incremental lift
 * ((treatment rate - holdout rate) / holdout rate), incremental revenue and its contribution margin.
 */
public record Measurement(String campaignId, Instant scheduledAt, Instant windowEndsAt, Instant measuredAt,
                          Integer treatmentSize, Integer holdoutSize, Integer treatmentBuyers, Integer holdoutBuyers,
                          Double incrementalLift, BigDecimal incrementalRevenue, BigDecimal contributionMargin) {
}
