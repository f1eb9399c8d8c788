package io.campaignpilot.process;

import io.campaignpilot.process.TopicWork.Failure;
import io.campaignpilot.process.TopicWork.Outcome;
import io.campaignpilot.process.TopicWork.Task;
import io.campaignpilot.process.TopicWork.WorkerSettings;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionOperations;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Works one topic's external tasks through the engine's Java API (no HTTP client): fetch and lock, do the work with no
 * transaction open, then write its results and complete the task in one short transaction, so a retried task never
 * finds half its results. A failure is handed back with one retry fewer and a doubling retry timeout; with none left
 * the engine raises an incident naming the cause, which a process owner retries in Cockpit. The engine's locks keep
 * two threads or nodes off the same task.
 */
final class InAppWorker {
    private static final Logger log = LoggerFactory.getLogger(InAppWorker.class);

    private final ExternalTaskService externalTasks;
    private final TransactionOperations transactions;
    private final TopicWork work;
    private final WorkerSettings settings;
    private final String workerId;
    private final BooleanSupplier running;

    /**
     * @param transactions where results are written and the task completed together (the application's transaction
     *                     template; without Spring, each engine command is its own transaction)
     * @param running      false once the application stops: work in hand is then given back rather than failed
     */
    InAppWorker(ExternalTaskService externalTasks, TransactionOperations transactions, TopicWork work,
                BooleanSupplier running) {
        this.externalTasks = externalTasks;
        this.transactions = transactions;
        this.work = work;
        this.settings = work.settings();
        this.running = running;
        this.workerId = work.topic() + "-" + host() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    String topic() {
        return work.topic();
    }

    WorkerSettings settings() {
        return settings;
    }

    /** Fetches and locks up to {@code max} tasks of the topic. */
    List<LockedExternalTask> fetch(int max) {
        return externalTasks.fetchAndLock(max, workerId)
                .topic(work.topic(), settings.lockDuration().toMillis())
                .variables(work.variables())
                .execute();
    }

    /** Works one task on the calling thread; false when none was waiting. */
    boolean takeOne() {
        List<LockedExternalTask> tasks = fetch(1);
        if (tasks.isEmpty()) {
            return false;
        }
        handle(tasks.getFirst());
        return true;
    }

    /** Works one locked task to its end: completed, given back for later, or failed. */
    void handle(LockedExternalTask locked) {
        Task task = new Task(locked.getId(), workerId, locked.getVariables());
        try {
            Outcome outcome = work.work(task, () -> {
                externalTasks.extendLock(locked.getId(), workerId, settings.lockDuration().toMillis());
                return running.getAsBoolean();
            });
            switch (outcome) {
                case Outcome.Done done -> complete(locked, done);
                case Outcome.Later later when later.comeBackIn().isZero() -> externalTasks.unlock(locked.getId());
                // nothing due yet (a backoff, another node's claim): the lock keeps it until it may be
                case Outcome.Later later -> externalTasks.extendLock(locked.getId(), workerId, later.comeBackIn().toMillis());
            }
        } catch (NotFoundException gone) {
            log.info("{}: task {} is no longer waiting (its campaign was withdrawn?)", work.topic(), locked.getId());
        } catch (RuntimeException e) {
            if (!running.getAsBoolean()) {
                // stopped mid-work: give the task back without spending a retry; another node or the restart takes it
                giveBack(locked);
                return;
            }
            fail(locked, work.failure(task, e));
        }
    }

    /** Writes the results and completes the task in one transaction; two parallel branches may touch one execution. */
    private void complete(LockedExternalTask locked, Outcome.Done done) {
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.executeWithoutResult(tx -> {
                    done.record().run();
                    externalTasks.complete(locked.getId(), workerId, done.variables());
                });
                return;
            } catch (OptimisticLockingException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** One retry fewer, waiting twice as long as the last time; with none left the engine raises an incident. */
    private void fail(LockedExternalTask locked, Failure failure) {
        int configured = Math.max(settings.retries(), 1);
        int left = Math.max((locked.getRetries() == null ? configured : locked.getRetries()) - 1, 0);
        int failures = Math.max(configured - left, 1);
        long wait = settings.retryBackoff().toMillis() * (1L << Math.min(failures - 1, 10));
        externalTasks.handleFailure(locked.getId(), workerId, failure.message(), failure.details(), left, wait);
        log.warn("{} failed ({} retries left, next in {}): {}", work.topic(), left, Duration.ofMillis(wait), failure.message());
    }

    private void giveBack(LockedExternalTask locked) {
        try {
            externalTasks.unlock(locked.getId());
        } catch (RuntimeException e) {
            log.info("{}: task {} stays locked until its lock expires: {}", work.topic(), locked.getId(), e.getMessage());
        }
    }

    static String stackTrace(Throwable failure) {
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
