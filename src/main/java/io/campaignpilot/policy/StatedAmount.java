package io.campaignpilot.policy;

/** A money amount a variant states ("£39.20", "99p"), in pence; read by generation.StatedOffer, as generation reads it. */
public record StatedAmount(String channel, int variantNo, int pence, String text) {

    public String label() {
        return channel + " #" + variantNo;
    }
}
