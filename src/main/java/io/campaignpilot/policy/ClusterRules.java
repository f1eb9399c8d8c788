package io.campaignpilot.policy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps every node on the cluster's active rule set ({@link PublishedRuleSets}). A reload compiles this node's files
 * and, only if they compile, makes them the active set and swaps them in here; every node polls the active version
 * (campaignpilot.policy.sync-interval, 2 s) and, when it differs from what it runs, compiles the stored files and swaps.
 * A node that cannot compile the active set keeps its last good rules and says why ({@link #status()}).
 * <p>
 * At start-up a node publishes its own files only when the cluster has no active set yet or they are a version never
 * published before (see {@link PublishedRuleSets#publishAtStart}); otherwise it joins the active set.
 * <p>
 * The poll runs on every node, on a thread of its own: it is never a cluster-locked task, and a long product-fact
 * sync on the shared scheduler cannot delay it.
 */
@Component
public class ClusterRules implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ClusterRules.class);

    /**
     * What the cluster runs and what this node runs: the active version, the version serving here, and when this node
     * cannot compile the active set, which version failed and its errors (file:line: message).
     */
    public record Status(String activeVersion, PolicyEngine.RuleSet serving, boolean runsActiveVersion,
                         String failedVersion, List<String> errors, Instant checkedAt) {
    }

    private final PolicyEngine engine;
    private final PublishedRuleSets published;
    private final String node;
    private final ScheduledExecutorService poller;
    private volatile String failedVersion;
    private volatile List<String> errors = List.of();
    private volatile Instant checkedAt;
    private volatile String lastPollProblem;

    @Autowired
    public ClusterRules(PolicyEngine engine, PublishedRuleSets published, PolicyProperties properties) {
        this(engine, published, properties.syncInterval());
    }

    ClusterRules(PolicyEngine engine, PublishedRuleSets published, Duration syncInterval) {
        this.engine = engine;
        this.published = published;
        this.node = ManagementFactory.getRuntimeMXBean().getName();
        String active = published.publishAtStart(engine.readFiles(), "start of node " + node);
        sync();
        log.info("policy rules: the cluster's active rule set is {}; this node runs {}", active, engine.version());
        poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("policy-rules-sync").daemon().factory());
        poller.scheduleWithFixedDelay(this::poll, syncInterval.toMillis(), syncInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Compiles this node's rule files and, if they compile, makes them the cluster's active rule set and runs them
     * here at once; the other nodes follow within a poll. Throws {@link RuleSetException} (file:line errors) and
     * changes nothing when they do not compile.
     */
    public synchronized PolicyEngine.RuleSet reload(String by) {
        PolicyEngine.RuleFiles files = engine.readFiles();
        PolicyEngine.RuleSet next = engine.build(files);
        published.publish(files, by);
        failedVersion = null;
        errors = List.of();
        return engine.install(next);
    }

    /** Brings this node onto the active rule set if it runs another one; a set that does not compile is tried once. */
    public synchronized void sync() {
        checkedAt = Instant.now();
        Optional<String> active = published.activeVersion();
        if (active.isEmpty() || active.get().equals(engine.version())) {
            failedVersion = null;
            errors = List.of();
            return;
        }
        if (active.get().equals(failedVersion)) {
            return;
        }
        try {
            engine.install(engine.build(published.files(active.get())));
            failedVersion = null;
            errors = List.of();
            log.info("policy rules: now running the cluster's active rule set {}", active.get());
        } catch (RuleSetException e) {
            failedVersion = active.get();
            errors = e.errors();
            log.error("policy rules: this node cannot compile the cluster's active rule set {} and keeps running {}: {}",
                    active.get(), engine.version(), e.errors());
        }
    }

    /** The active version as the database says now, and where this node stands. */
    public Status status() {
        String active = published.activeVersion().orElse(null);
        PolicyEngine.RuleSet serving = engine.current();
        boolean runs = serving.version().equals(active);
        boolean failing = !runs && Objects.equals(failedVersion, active);
        return new Status(active, serving, runs, failing ? failedVersion : null, failing ? errors : List.of(), checkedAt);
    }

    private void poll() {
        try {
            sync();
            lastPollProblem = null;
        } catch (RuntimeException e) {
            // the database is away, say: keep serving, try again next time, and say so once rather than every poll
            String problem = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!problem.equals(lastPollProblem)) {
                log.warn("policy rules: cannot read the cluster's active rule set (keeps running {}): {}", engine.version(), problem);
            }
            lastPollProblem = problem;
        }
    }

    @Override
    public void destroy() {
        poller.shutdownNow();
    }
}
