package io.campaignpilot.intake;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Applies the inbox's messages on one thread of this node, oldest first. Every node runs one; a claim keeps two nodes
 * off the same message. A message that refers to something not there yet waits and is tried again (twice as long
 * each time), so an early message is never lost; once its tries are spent it is FAILED with its reason, for the API.
 */
class InboxWorker implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(InboxWorker.class);
    private static final int BATCH = 20;

    private final Inbox inbox;
    private final Map<String, IntakeHandler> handlers;
    private final IntakeProperties settings;
    private final MeterRegistry meters;
    private final String workerId;
    private final Semaphore bell = new Semaphore(0);
    private volatile Thread thread;
    private volatile boolean running;

    InboxWorker(Inbox inbox, List<IntakeHandler> handlers, IntakeProperties settings, MeterRegistry meters) {
        this.inbox = inbox;
        this.handlers = handlers.stream().collect(Collectors.toMap(IntakeHandler::queue, Function.identity()));
        this.settings = settings;
        this.meters = meters;
        this.workerId = host() + "/intake-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A message was kept: look now rather than at the next poll. */
    void wake() {
        bell.release();
    }

    /** Applies what is due now; the number of messages tried. */
    int applyDue() {
        List<Inbox.Claimed> due = inbox.claimDue(workerId, BATCH);
        for (Inbox.Claimed message : due) {
            apply(message);
        }
        return due.size();
    }

    private void apply(Inbox.Claimed message) {
        try {
            handlers.get(message.queue()).apply(message.body());
            inbox.applied(message.messageId());
            meters.counter("campaignpilot.intake.messages", "queue", message.queue(), "outcome", "applied").increment();
        } catch (RuntimeException e) {
            String reason = e instanceof NotYetApplicableException || e instanceof InvalidMessageException
                    ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
            // no later try can apply an invalid message (a product dropped from the catalog since it arrived)
            int tries = e instanceof InvalidMessageException ? 1 : settings.maxAttempts();
            boolean spent = inbox.failed(message.messageId(), message.attempts(), reason, tries, settings.retryBackoff());
            if (spent) {
                meters.counter("campaignpilot.intake.messages", "queue", message.queue(), "outcome", "failed").increment();
                log.warn("intake message {} on {} set aside after {} tries: {}", message.messageId(), message.queue(),
                        message.attempts() + 1, reason);
            } else {
                log.info("intake message {} on {} not applied yet (try {}): {}", message.messageId(), message.queue(),
                        message.attempts() + 1, reason);
            }
        }
    }

    private void loop() {
        while (running) {
            try {
                if (applyDue() < BATCH) {
                    bell.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    bell.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the database away for a moment: the messages stay in the inbox
                log.warn("intake inbox not reachable: {}", e.getMessage());
                sleep();
            }
        }
    }

    private void sleep() {
        try {
            Thread.sleep(settings.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("intake-inbox").daemon().start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        bell.release(); // not an interrupt: a message being applied finishes first
        Thread t = thread;
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "node";
        }
    }
}
