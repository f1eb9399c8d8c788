package io.campaignpilot.publishing;

import java.time.Instant;

/** One message to one customer on one channel: SENT (accepted by the relay) or QUEUED (in the outbox). */
public record Delivery(String channel, long customerId, String address, String status, int variantNo, Instant at) {

    public Delivery withAddress(String shown) {
        return new Delivery(channel, customerId, shown, status, variantNo, at);
    }
}
