package io.campaignpilot.publishing;

import io.campaignpilot.audience.Customer;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.generation.ChannelVariant;
import io.campaignpilot.publishing.DeliveryQueue.Claimed;
import io.campaignpilot.publishing.DeliveryQueue.Outcome;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The port every channel's sending sits behind. The dispatcher hands an adapter a batch of claimed deliveries with no
 * transaction open; the adapter talks to its provider and says what became of each one. It never touches the
 * delivery table: the dispatcher records the outcomes and gives back what is to be retried.
 */
interface ChannelAdapter {

    /** The channel this adapter sends. One adapter per channel. */
    Channel channel();

    /**
     * Whether the provider recognises a repeat by the idempotency key (an HTTP provider's Idempotency-Key header):
     * then a delivery whose outcome is unknown after a crash can be reconciled by sending it again with the same key.
     * SMTP relays do not promise that, so for email such a delivery stays UNKNOWN for a person to decide.
     */
    default boolean providerDeduplicates() {
        return false;
    }

    /**
     * Sends the batch. {@code customers} holds the recipients as the CRM knows them now (missing: erased);
     * {@code variants} the campaign's approved variants of this channel by number.
     */
    Result send(String campaignId, List<Claimed> batch, Map<Long, Customer> customers, Map<Integer, ChannelVariant> variants);

    /**
     * What became of a batch: an outcome per delivery that was settled (SENT, QUEUED, SKIPPED, BOUNCED), the ids to
     * try again later, and, when the channel itself failed, the failure and the earliest time the provider asked to
     * be tried again (null: the dispatcher's own backoff).
     */
    record Result(List<Outcome> outcomes, List<Long> retry, Throwable channelFailure, Instant retryNotBefore) {
        Result(List<Outcome> outcomes, List<Long> retry, Throwable channelFailure) {
            this(outcomes, retry, channelFailure, null);
        }
    }
}
