package io.campaignpilot.publishing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpilot.audience.Customer;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.generation.ChannelVariant;
import io.campaignpilot.platform.NetworkCall;
import io.campaignpilot.publishing.DeliveryQueue.Claimed;
import io.campaignpilot.publishing.DeliveryQueue.Outcome;
import io.campaignpilot.publishing.ProviderWebhook.Accepted;
import io.campaignpilot.publishing.ProviderWebhook.Misconfigured;
import io.campaignpilot.publishing.ProviderWebhook.NotNow;
import io.campaignpilot.publishing.ProviderWebhook.Refused;
import io.campaignpilot.publishing.ProviderWebhook.WebhookException;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A channel sent one message at a time to its provider's webhook (see {@link ProviderWebhook} for the signing).
 * A recipient the provider refuses is BOUNCED alone; when the provider cannot take messages now the rest of the
 * batch goes back to the dispatcher, not to be tried before the provider's Retry-After; and when not one message of
 * the batch got through, or the provider refuses us rather than a recipient, the channel has failed: the dispatcher
 * retries the dispatch and, once its retries are spent, Cockpit shows the incident.
 * <p>
 * A channel with no webhook configured sends nothing and says why: its deliveries wait, PENDING, and the dispatch
 * becomes an incident naming the settings to give. Quietly marking them sent, or dropping them, would report a
 * campaign as published that nobody received.
 */
abstract class WebhookChannel implements ChannelAdapter {
    private static final Logger log = LoggerFactory.getLogger(WebhookChannel.class);

    private final Channel channel;
    private final ProviderWebhook provider;
    private final ObjectMapper json;

    WebhookChannel(Channel channel, WebhookProperties.Endpoint endpoint, WebhookProperties properties, ObjectMapper json) {
        this.channel = channel;
        this.json = json;
        this.provider = endpoint.configured() ? new ProviderWebhook(channel, endpoint, properties, json) : null;
        if (provider == null) {
            log.warn("{} has no provider webhook: {} deliveries will wait, and their dispatch become an incident, "
                    + "until {} are given", channel.key(), channel.key(), WebhookProperties.missing(channel.key()));
        }
    }

    /** Every message carries its delivery's Idempotency-Key, so a send interrupted by a crash can be made again. */
    @Override
    public boolean providerDeduplicates() {
        return true;
    }

    /** Why the customer cannot be sent this channel's message (no consent, no usable address), or null. */
    abstract String unreachable(Customer customer);

    /** Puts the recipient and the copy, merge tags filled, into the message. */
    abstract void address(Map<String, Object> message, Customer customer, ChannelVariant variant);

    /** The recipient's personal values as this channel sends them, kept out of a refusal's reason. */
    List<String> personal(Customer customer) {
        return DeliveryFailedException.personal(List.of(customer));
    }

    @Override
    public final Channel channel() {
        return channel;
    }

    @Override
    public Result send(String campaignId, List<Claimed> batch, Map<Long, Customer> customers,
                       Map<Integer, ChannelVariant> variants) {
        NetworkCall.outsideTransactions(channel.key() + " to its provider's webhook");
        List<Long> all = batch.stream().map(Claimed::id).toList();
        if (provider == null) {
            return new Result(List.of(), all, new WebhookException(channel.key() + " has no provider webhook configured: give "
                    + WebhookProperties.missing(channel.key())));
        }
        List<Outcome> outcomes = new ArrayList<>();
        List<Long> retry = new ArrayList<>();
        Throwable failure = null;
        NotNow notNow = null;
        boolean answered = false;
        for (Claimed delivery : batch) {
            if (failure != null || notNow != null) {
                retry.add(delivery.id());
                continue;
            }
            Customer customer = customers.get(delivery.customerId());
            String unreachable = customer == null
                    ? "customer " + delivery.customerId() + " is no longer on record" : unreachable(customer);
            if (unreachable != null) {
                outcomes.add(new Outcome(delivery.id(), "SKIPPED", unreachable));
                continue;
            }
            ChannelVariant variant = variants.get(delivery.variantNo());
            if (variant == null) {
                failure = new IllegalStateException("campaign " + campaignId + " has no " + channel.key() + " variant "
                        + delivery.variantNo());
                retry.add(delivery.id());
                continue;
            }
            switch (provider.deliver(delivery.idempotencyKey(), body(campaignId, delivery, customer, variant))) {
                case Accepted accepted -> {
                    answered = true;
                    outcomes.add(new Outcome(delivery.id(), "SENT", accepted.messageId() == null ? null
                            : "accepted by the " + channel.key() + " provider as " + accepted.messageId()));
                }
                case Refused refused -> {
                    answered = true;
                    outcomes.add(new Outcome(delivery.id(), "BOUNCED", DeliveryFailedException.refused(channel,
                            customer.id(), refused.status(), refused.answer(), personal(customer)).getMessage()));
                }
                case NotNow later -> {
                    notNow = later;
                    retry.add(delivery.id());
                }
                case Misconfigured misconfigured -> {
                    failure = misconfigured.failure();
                    retry.add(delivery.id());
                }
            }
        }
        Instant notBefore = notNow == null || notNow.retryAfter() == null ? null : Instant.now().plus(notNow.retryAfter());
        if (failure == null && notNow != null && !answered) {
            // the provider took nothing of this batch: the channel is down (or throttling us hard), not one message
            failure = notNow.failure();
        }
        return new Result(outcomes, retry, failure, notBefore);
    }

    private byte[] body(String campaignId, Claimed delivery, Customer customer, ChannelVariant variant) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("channel", channel.key());
        message.put("campaignId", campaignId);
        message.put("idempotencyKey", delivery.idempotencyKey());
        message.put("variant", delivery.variantNo());
        address(message, customer, variant);
        try {
            return json.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }

    @PreDestroy
    void close() {
        if (provider != null) {
            provider.close();
        }
    }
}
