package io.campaignpilot.publishing;

import io.campaignpilot.audience.Audiences;
import io.campaignpilot.audience.Customer;
import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.generation.ChannelVariant;
import io.campaignpilot.generation.VariantStore;
import io.campaignpilot.platform.BackgroundThreads;
import io.campaignpilot.platform.NetworkCall;
import io.campaignpilot.publishing.DeliveryQueue.Claimed;
import io.campaignpilot.publishing.DeliveryQueue.Outcome;
import io.campaignpilot.publishing.DeliveryQueue.Remaining;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends a channel's recorded deliveries, outside any engine transaction: claims a batch, sends it with no
 * transaction open, records each outcome, and goes on until the channel is done or its turn is over. Each channel
 * sends through its {@link ChannelAdapter}, on up to {@code connectionsPerChannel} provider connections at once (one
 * batch each: a claim takes that many batches). Only the dispatching thread touches the database, so it still holds at most one connection, and none
 * while the batches are being sent.
 * Called by whatever works the process's dispatch step; it knows nothing of the engine.
 */
@Service
public class ChannelDispatcher {

    /**
     * One turn on a channel: {@code done} when no delivery is left on its way; otherwise the channel should be
     * taken up again after {@code comeBackIn} (zero: as soon as possible).
     */
    public record Turn(boolean done, Duration comeBackIn, Map<String, Integer> byStatus) {
    }

    private final DeliveryQueue queue;
    private final Map<Channel, ChannelAdapter> adapters = new EnumMap<>(Channel.class);
    private final ChannelRates rates;
    private final Audiences audiences;
    private final VariantStore variants;
    private final PublishingProperties properties;
    private final AuditLog audit;
    private final QuietHours quietHours;
    private final int connectionsPerChannel;
    private final DispatchMetrics metrics;

    ChannelDispatcher(DeliveryQueue queue, List<ChannelAdapter> adapters, ChannelRates rates, Audiences audiences,
                      VariantStore variants, PublishingProperties properties, AuditLog audit, DispatchMetrics metrics) {
        this.queue = queue;
        this.metrics = metrics;
        for (ChannelAdapter adapter : adapters) {
            if (this.adapters.put(adapter.channel(), adapter) != null) {
                throw new IllegalStateException("two adapters send " + adapter.channel().key());
            }
        }
        for (Channel channel : Channel.values()) {
            if (!this.adapters.containsKey(channel)) {
                throw new IllegalStateException("no adapter sends " + channel.key());
            }
        }
        this.rates = rates;
        this.audiences = audiences;
        this.variants = variants;
        this.properties = properties;
        this.audit = audit;
        this.quietHours = new QuietHours(properties.quietHours(), properties.defaultTimeZone());
        this.connectionsPerChannel = properties.connectionsPerChannel();
    }

    /**
     * Works on the channel for up to one turn. {@code carryOn} is asked after each claim's batches are recorded (the
     * caller renews its lock there); false ends the turn early, when the application stops, say. Throws {@link ChannelUnavailableException} when the channel itself failed; what was sent before stays
     * recorded and the rest waits, PENDING, for the retry.
     */
    public Turn dispatch(String campaignId, Channel channel, String dispatcherId, BooleanSupplier carryOn) {
        NetworkCall.outsideTransactions("dispatching " + channel.key());
        Instant started = Instant.now();
        ChannelAdapter adapter = adapters.get(channel);
        Instant expired = started.minus(properties.claimTimeout());
        if (adapter.providerDeduplicates()) {
            int again = queue.reconcileClaims(campaignId, channel, expired);
            if (again > 0) {
                audit.record(campaignId, "publishing", "DELIVERIES_RECONCILED", Map.of("channel", channel.key(),
                        "deliveries", again, "reason", DeliveryQueue.RECONCILE_REASON));
            }
        } else {
            int unknown = queue.expireClaims(campaignId, channel, expired);
            metrics.recorded(channel, "UNKNOWN", unknown);
            if (unknown > 0) {
                audit.record(campaignId, "publishing", "DELIVERIES_OUTCOME_UNKNOWN", Map.of("channel", channel.key(),
                        "deliveries", unknown, "reason", DeliveryQueue.UNKNOWN_REASON));
            }
        }
        int connections = connectionsPerChannel;
        ExecutorService senders = connections > 1 ? senders(channel, connections) : null;
        try {
            if (!sendForOneTurn(campaignId, channel, dispatcherId, carryOn, started, adapter, senders, connections)) {
                // the turn is over, not the channel: when more is due (usually), the full count can wait
                if (queue.anyDue(campaignId, channel, Instant.now())) {
                    return new Turn(false, Duration.ZERO, Map.of());
                }
            }
        } finally {
            if (senders != null) {
                senders.shutdown();
            }
        }
        Instant now = Instant.now();
        Remaining left = queue.remaining(campaignId, channel, now);
        if (left.none()) {
            Map<String, Integer> byStatus = queue.countByStatus(campaignId, channel);
            audit.record(campaignId, "publishing", "CHANNEL_DISPATCHED", Map.of("channel", channel.key(),
                    "deliveriesByStatus", byStatus));
            return new Turn(true, Duration.ZERO, byStatus);
        }
        if (left.due() > 0) {
            return new Turn(false, Duration.ZERO, Map.of());
        }
        // waiting for a retry's backoff, or for another dispatcher's claim to be answered or to expire
        Instant next = left.nextAttempt() != null ? left.nextAttempt() : now.plus(properties.claimTimeout());
        if (left.oldestClaim() != null && left.oldestClaim().plus(properties.claimTimeout()).isBefore(next)) {
            next = left.oldestClaim().plus(properties.claimTimeout());
        }
        Duration wait = Duration.between(now, next);
        return new Turn(false, wait.compareTo(properties.pollInterval()) < 0 ? properties.pollInterval() : wait, Map.of());
    }

    /**
     * Claims, sends and records until nothing is due or the turn is over; true when nothing was left to claim.
     */
    private boolean sendForOneTurn(String campaignId, Channel channel, String dispatcherId, BooleanSupplier carryOn,
                                   Instant started, ChannelAdapter adapter, ExecutorService senders, int connections) {
        Map<Integer, ChannelVariant> approved = null;
        while (Duration.between(started, Instant.now()).compareTo(properties.turn()) < 0) {
            List<Claimed> batch = queue.claim(campaignId, channel, properties.batchSize() * connections,
                    dispatcherId + ":" + UUID.randomUUID(), Instant.now());
            if (batch.isEmpty()) {
                return true;
            }
            if (approved == null) {
                approved = variants.latest(campaignId).stream().filter(v -> v.channel() == channel)
                        .collect(Collectors.toMap(ChannelVariant::variantNo, Function.identity(), (a, b) -> b));
            }
            Map<Long, Customer> customers = audiences.customers(batch.stream().map(Claimed::customerId).toList())
                    .stream().collect(Collectors.toMap(Customer::id, Function.identity()));
            batch = holdBack(campaignId, channel, batch, customers);
            if (batch.isEmpty()) {
                if (!carryOn.getAsBoolean()) {
                    return false;
                }
                continue;
            }
            rates.acquire(channel, batch.size());
            sendThrough(adapter, campaignId, batch, customers, approved, senders);
            if (!carryOn.getAsBoolean()) {
                return false;
            }
        }
        return false;
    }

    /** Threads that only talk to the provider, never to the database; they end with the turn. */
    private static ExecutorService senders(Channel channel, int connections) {
        return Executors.newFixedThreadPool(connections, BackgroundThreads.named(channel.key() + "-send", true));
    }

    /**
     * Takes out of the batch what may not go now: a customer in their quiet hours is held (PENDING again, until the
     * window ends in their time zone), one whom other campaigns have reached up to the frequency cap since this
     * campaign was recorded is SKIPPED with the reason. Returns the rest.
     */
    private List<Claimed> holdBack(String campaignId, Channel channel, List<Claimed> batch, Map<Long, Customer> customers) {
        Instant now = Instant.now();
        Map<QuietHours.Hold, List<Long>> held = new LinkedHashMap<>();
        List<Claimed> due = new ArrayList<>();
        for (Claimed delivery : batch) {
            Customer customer = customers.get(delivery.customerId());
            QuietHours.Hold hold = customer == null ? null : quietHours.hold(channel, customer, now);
            if (hold != null) {
                held.computeIfAbsent(hold, h -> new ArrayList<>()).add(delivery.id());
            } else {
                due.add(delivery);
            }
        }
        held.forEach((hold, ids) -> queue.hold(ids, hold.until(), hold.reason()));
        Map<Long, Integer> capped = audiences.reachedCap(campaignId, due.stream().map(Claimed::customerId).toList(), now);
        if (capped.isEmpty()) {
            return due;
        }
        List<Outcome> skipped = new ArrayList<>();
        List<Claimed> rest = new ArrayList<>();
        for (Claimed delivery : due) {
            Integer contacts = capped.get(delivery.customerId());
            if (contacts != null) {
                skipped.add(new Outcome(delivery.id(), "SKIPPED", "frequency cap: customer " + delivery.customerId()
                        + " was contacted " + contacts + " times by other campaigns (cap " + audiences.frequencyRule() + ")"));
            } else {
                rest.add(delivery);
            }
        }
        queue.record(skipped, now);
        metrics.recorded(channel, skipped);
        return rest;
    }

    /**
     * Sends the claimed deliveries one batch per provider connection, all at once, and records every outcome together
     * once all batches are back. What a failed connection did not send goes back to PENDING, and the channel is then
     * reported unavailable; an adapter that threw leaves its batch claimed (UNKNOWN after the claim timeout, never
     * resent blindly), as when the dispatcher dies mid-send, and the others' outcomes are recorded first.
     */
    private void sendThrough(ChannelAdapter adapter, String campaignId, List<Claimed> claimed,
                             Map<Long, Customer> customers, Map<Integer, ChannelVariant> approved, ExecutorService senders) {
        List<ChannelAdapter.Result> results = new ArrayList<>();
        RuntimeException thrown = null;
        Channel channel = adapter.channel();
        if (senders == null || claimed.size() <= properties.batchSize()) {
            results.add(metrics.batch(channel, () -> adapter.send(campaignId, claimed, customers, approved)));
        } else {
            List<Future<ChannelAdapter.Result>> sending = new ArrayList<>();
            for (int from = 0; from < claimed.size(); from += properties.batchSize()) {
                List<Claimed> batch = List.copyOf(claimed.subList(from, Math.min(from + properties.batchSize(), claimed.size())));
                sending.add(senders.submit(() -> metrics.batch(channel, () -> adapter.send(campaignId, batch, customers, approved))));
            }
            for (Future<ChannelAdapter.Result> batch : sending) {
                try {
                    results.add(awaitSent(batch));
                } catch (ExecutionException e) {
                    if (thrown == null) {
                        thrown = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    }
                }
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        List<Long> retry = new ArrayList<>();
        Throwable channelFailure = null;
        Instant notBefore = Instant.now().plus(properties.retryBackoff());
        for (ChannelAdapter.Result result : results) {
            outcomes.addAll(result.outcomes());
            retry.addAll(result.retry());
            channelFailure = channelFailure == null ? result.channelFailure() : channelFailure;
            if (result.retryNotBefore() != null && result.retryNotBefore().isAfter(notBefore)) {
                notBefore = result.retryNotBefore();
            }
            metrics.failed(channel, result.channelFailure() != null ? DispatchMetrics.CHANNEL_UNAVAILABLE : DispatchMetrics.RETRYABLE,
                    result.retry().size());
        }
        queue.record(outcomes, Instant.now());
        metrics.recorded(channel, outcomes);
        if (thrown != null) {
            // what the batch that threw held stays claimed: neither settled nor given back
            metrics.failed(channel, DispatchMetrics.SEND_ERROR, claimed.size() - outcomes.size() - retry.size());
        }
        if (channelFailure != null) {
            ChannelUnavailableException failure = ChannelUnavailableException.of(adapter.channel(),
                    channelFailure, List.copyOf(customers.values()));
            queue.release(retry, notBefore, failure.getMessage());
            throw failure;
        }
        queue.release(retry, notBefore, "the " + adapter.channel().key() + " provider asked to be tried again later");
        if (thrown != null) {
            throw thrown;
        }
    }

    /** Waits for a batch even when interrupted (stopping): what was sent must be recorded, or it becomes UNKNOWN. */
    private static ChannelAdapter.Result awaitSent(Future<ChannelAdapter.Result> batch) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return batch.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

}
