package io.campaignpilot.process;

import io.campaignpilot.personaldata.Addresses;
import io.campaignpilot.platform.BackgroundThreads;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs an {@link InAppWorker} for every {@link TopicWork} of the application (channel dispatch, grounding retrieval,
 * copy generation): one poller thread asks the engine for as many tasks of each topic as that topic has idle threads,
 * and hands them out. A topic is asked again after its poll interval, or at once when this node creates a task of that
 * topic ({@link ExternalTaskBell}) or, while the last fetch filled every thread, when one of them finishes. Every thread holds at most one database connection at a
 * time and none while it waits on the network (see the pool size in application.yml).
 */
@Component
public class InAppWorkers implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(InAppWorkers.class);

    private final List<Topic> topics = new ArrayList<>();
    private final ExternalTaskBell bell;
    private volatile boolean running;
    private Thread poller;

    InAppWorkers(ExternalTaskService externalTasks, TransactionOperations transactions, List<TopicWork> works,
                 ExternalTaskBell bell) {
        this.bell = bell;
        for (TopicWork work : works) {
            topics.add(new Topic(new InAppWorker(externalTasks, transactions, work, () -> running)));
        }
    }

    /** The worker of a topic, for tests that work tasks one at a time. */
    InAppWorker worker(String topic) {
        return topics.stream().map(t -> t.worker).filter(w -> w.topic().equals(topic)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no in-app worker for topic " + topic));
    }

    @Override
    public synchronized void start() {
        running = true;
        for (Topic topic : topics) {
            topic.start();
        }
        poller = new Thread(this::poll, "in-app-workers-poller");
        poller.setPriority(BackgroundThreads.PRIORITY);
        poller.start();
    }

    /** Lets each thread finish the work in hand (a dispatcher its batch): a thread cut off mid-send would leave UNKNOWN deliveries. */
    @Override
    public synchronized void stop() {
        running = false;
        if (poller != null) {
            poller.interrupt();
        }
        for (Topic topic : topics) {
            topic.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void poll() {
        while (running) {
            long now = System.nanoTime();
            long next = now + TimeUnit.SECONDS.toNanos(1);
            for (Topic topic : topics) {
                if (topic.dueAt <= now) {
                    // asked again after the poll interval, or sooner: by the bell, or by a thread of a topic with a
                    // backlog finishing its task (asking again at once would mostly come back empty)
                    topic.handOut();
                    topic.dueAt = now + topic.worker.settings().pollInterval().toNanos();
                }
                next = Math.min(next, topic.dueAt);
            }
            try {
                // a task was created here: its topic is asked now
                Set<String> rang = bell.await(next - System.nanoTime());
                for (Topic topic : topics) {
                    if (rang.contains(topic.worker.topic()) || rang.contains(ExternalTaskBell.ANY_TOPIC)) {
                        topic.dueAt = System.nanoTime();
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One topic's threads, and how many of them are idle. */
    private final class Topic {
        final InAppWorker worker;
        final Semaphore idle;
        ExecutorService threads;
        long dueAt;
        /** The last fetch filled every idle thread: more tasks may be waiting, so a thread that finishes asks at once. */
        volatile boolean backlog;

        Topic(InAppWorker worker) {
            this.worker = worker;
            this.idle = new Semaphore(worker.settings().threads());
        }

        void start() {
            threads = Executors.newFixedThreadPool(worker.settings().threads(),
                    BackgroundThreads.named(worker.topic(), false));
        }

        /** Fetches as many tasks as there are idle threads and gives one to each. */
        void handOut() {
            int free = idle.drainPermits();
            if (free == 0) {
                // asked while every thread is busy: the next to finish asks again
                backlog = true;
                return;
            }
            List<LockedExternalTask> tasks;
            try {
                tasks = worker.fetch(free);
            } catch (RuntimeException e) {
                log.warn("{}: fetching tasks failed: {}", worker.topic(), e.getMessage());
                tasks = List.of();
            }
            idle.release(free - tasks.size());
            backlog = tasks.size() == free;
            for (LockedExternalTask task : tasks) {
                threads.submit(() -> {
                    try {
                        worker.handle(task);
                    } catch (RuntimeException e) {
                        log.warn("{}: {}", worker.topic(), Addresses.maskAll(String.valueOf(e.getMessage())));
                    } finally {
                        idle.release();
                        if (backlog) {
                            bell.ring(worker.topic());
                        }
                    }
                });
            }
        }

        void stop() {
            if (threads == null) {
                return;
            }
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
}
