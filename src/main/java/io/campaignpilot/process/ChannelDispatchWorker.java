package io.campaignpilot.process;

import io.campaignpilot.campaign.Channel;
import io.campaignpilot.personaldata.Addresses;
import io.campaignpilot.publishing.ChannelDispatcher;
import io.campaignpilot.publishing.ChannelUnavailableException;
import io.campaignpilot.publishing.PublishingProperties;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Works the process's "Dispatch deliveries" external tasks inside the application, through the engine's Java API (no
 * HTTP client): a few threads fetch and lock one channel of one campaign at a time, let {@link ChannelDispatcher}
 * send it outside any engine transaction, and complete the task when nothing is left on its way, so the process goes
 * on. A relay that is down becomes a failure with retries and a growing retry timeout, and when those are spent an
 * incident in Cockpit naming the cause. Each thread holds at most one database connection at a time and none while
 * sending; the engine's locks keep two nodes off the same channel.
 */
@Component
public class ChannelDispatchWorker implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ChannelDispatchWorker.class);

    private final ExternalTaskService externalTasks;
    private final ChannelDispatcher dispatcher;
    private final PublishingProperties properties;
    private final String workerId;
    private volatile boolean running;
    private ExecutorService threads;

    public ChannelDispatchWorker(ExternalTaskService externalTasks, ChannelDispatcher dispatcher,
                                 PublishingProperties properties) {
        this.externalTasks = externalTasks;
        this.dispatcher = dispatcher;
        this.properties = properties;
        this.workerId = "dispatcher-" + host() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public synchronized void start() {
        AtomicInteger n = new AtomicInteger();
        threads = Executors.newFixedThreadPool(properties.dispatchThreads(),
                r -> new Thread(r, "channel-dispatch-" + n.incrementAndGet()));
        running = true;
        for (int i = 0; i < properties.dispatchThreads(); i++) {
            threads.submit(this::work);
        }
    }

    /** Lets each thread finish and record the batch in hand: a thread cut off mid-send would leave UNKNOWN deliveries. */
    @Override
    public synchronized void stop() {
        running = false;
        if (threads != null) {
            threads.shutdown();
            try {
                if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
                    threads.shutdownNow();
                }
            } catch (InterruptedException e) {
                threads.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Takes one channel at a time until the application stops; rests between polls when there is nothing to do. */
    private void work() {
        while (running) {
            boolean worked = false;
            try {
                worked = takeOne();
            } catch (RuntimeException e) {
                log.warn("channel dispatch: {}", Addresses.maskAll(String.valueOf(e.getMessage())));
            }
            if (!worked) {
                try {
                    Thread.sleep(properties.pollInterval().toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Dispatches one locked channel for one turn; false when no channel was waiting. */
    boolean takeOne() {
        List<LockedExternalTask> tasks = externalTasks.fetchAndLock(1, workerId)
                .topic(ProcessVariables.CHANNEL_DISPATCH_TOPIC, properties.lockDuration().toMillis()).variables(ProcessVariables.CAMPAIGN_ID, ProcessVariables.CHANNEL)
                .execute();
        if (tasks.isEmpty()) {
            return false;
        }
        LockedExternalTask task = tasks.getFirst();
        String campaignId = String.valueOf(task.getVariables().get(ProcessVariables.CAMPAIGN_ID));
        Channel channel = Channel.of(String.valueOf(task.getVariables().get(ProcessVariables.CHANNEL)));
        try {
            ChannelDispatcher.Turn turn = dispatcher.dispatch(campaignId, channel, workerId, () -> {
                externalTasks.extendLock(task.getId(), workerId, properties.lockDuration().toMillis());
                return running;
            });
            if (turn.done()) {
                complete(task);
            } else if (turn.comeBackIn().isZero()) {
                externalTasks.unlock(task.getId());
            } else {
                // nothing due yet (a retry's backoff, another dispatcher's claim): come back when it may be
                externalTasks.extendLock(task.getId(), workerId, turn.comeBackIn().toMillis());
            }
        } catch (ChannelUnavailableException e) {
            fail(task, e.getMessage(), e);
        } catch (org.camunda.bpm.engine.exception.NotFoundException gone) {
            log.info("channel dispatch: {} of campaign {} is no longer waiting (withdrawn?)", channel.key(), campaignId);
        } catch (RuntimeException e) {
            fail(task, channel.key() + " dispatch failed: " + e.getClass().getSimpleName() + ": "
                    + Addresses.maskAll(String.valueOf(e.getMessage())), null);
        }
        return true;
    }

    private void complete(LockedExternalTask task) {
        // two channels of one campaign finishing together touch the same multi-instance execution: try again
        for (int attempt = 1; ; attempt++) {
            try {
                externalTasks.complete(task.getId(), workerId);
                return;
            } catch (OptimisticLockingException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** One retry fewer, waiting twice as long as the last time; with none left the engine raises an incident. */
    private void fail(LockedExternalTask task, String message, Throwable failure) {
        int configured = Math.max(properties.retries(), 1);
        int left = Math.max((task.getRetries() == null ? configured : task.getRetries()) - 1, 0);
        int failures = Math.max(configured - left, 1);
        long wait = properties.retryBackoff().toMillis() * (1L << Math.min(failures - 1, 10));
        externalTasks.handleFailure(task.getId(), workerId, message, failure == null ? message : stackTrace(failure),
                left, wait);
        log.warn("channel dispatch failed ({} retries left, next in {}): {}", left, Duration.ofMillis(wait), message);
    }

    private static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown-host";
        }
    }
}
