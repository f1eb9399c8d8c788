package io.campaignpilot.policy;

/** A percentage discount a variant states ("20% off"). */
public record StatedDiscount(String channel, int variantNo, int percent, String text) {

    public String label() {
        return channel + " #" + variantNo;
    }
}
