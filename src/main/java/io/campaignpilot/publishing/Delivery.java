package io.campaignpilot.publishing;

import java.time.Instant;

/**
 * One message to one customer on one channel, recorded when the campaign was published and dispatched afterwards.
 * Status is PENDING or SENDING on its way, then SENT (taken by the relay or provider), QUEUED (older rows: handed to a connector),
 * SKIPPED or BOUNCED (not delivered to this customer: the reason says why, naming the customer by id only) or
 * UNKNOWN (a dispatcher stopped between sending and recording; never resent blindly).
 */
public record Delivery(String channel, long customerId, String address, String status, int variantNo, Instant at,
                       String reason) {

    public Delivery withAddress(String shown) {
        return new Delivery(channel, customerId, shown, status, variantNo, at, reason);
    }
}
