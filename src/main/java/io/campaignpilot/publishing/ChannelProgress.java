package io.campaignpilot.publishing;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How far a campaign's channel has got: deliveries by status, why those not sent were not (grouped, customer ids
 * left out so that one reason is one line), and what is held for quiet hours or waits for a retry.
 *
 * @param waiting       PENDING deliveries not due yet: held for quiet hours or backing off after a failure
 * @param nextAttempt   when the first of those is due again
 */
public record ChannelProgress(String channel, Map<String, Long> byStatus, List<Reason> reasons, long waiting,
                              Instant nextAttempt, Instant lastSent) {

    /** One reason, with the status it left deliveries in and how many. */
    public record Reason(String status, String reason, long deliveries) {
    }
}
