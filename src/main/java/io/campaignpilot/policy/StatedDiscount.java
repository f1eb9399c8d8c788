package io.campaignpilot.policy;

import java.math.BigDecimal;

/**
 * A discount a variant states ("20% off", "half price", "2 for 1"), as the share of the price it takes off; read by
 * generation.StatedOffer, as generation's own check reads it.
 */
public record StatedDiscount(String channel, int variantNo, BigDecimal percent, String text) {

    /** Whether the copy states exactly this discount ("33.33%" of a "3 for 2" is never a whole-percent offer). */
    public boolean is(int offeredPercent) {
        return percent.compareTo(BigDecimal.valueOf(offeredPercent)) == 0;
    }

    public String label() {
        return channel + " #" + variantNo;
    }
}
