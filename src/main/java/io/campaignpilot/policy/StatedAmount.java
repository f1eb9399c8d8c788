package io.campaignpilot.policy;

/** A money amount a variant states ("£39.20"), in pence. */
public record StatedAmount(String channel, int variantNo, int pence, String text) {

    public String label() {
        return channel + " #" + variantNo;
    }
}
