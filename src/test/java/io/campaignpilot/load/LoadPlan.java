package io.campaignpilot.load;

import java.time.Duration;

/**
 * How big the load and fault run is and when its faults strike. {@link #small()} is the invariant test of the normal
 * suite; {@link #full()} is {@code ./mvnw -Pload verify}. Each value can be changed with a system property
 * ({@code -Dload.campaigns=2000}, say), for runs of other sizes.
 *
 * @param customers          synthetic customers, deterministic by {@code seed}
 * @param campaigns          campaigns of mixed tiers and reaches in the main phase, under faults
 * @param lowCampaigns       LOW-tier campaigns of the throughput phase (zero-latency model, no faults)
 * @param roundCampaigns     five-channel campaigns, one a second, whose generation rounds are timed (no faults)
 * @param triggersPerSecond  how fast the main phase's trigger events arrive, spread over both nodes
 * @param modelLatency       the stub model's answer time in the main phase
 * @param modelFailureShare  share of model calls in the main phase that fail (half 500, half time out)
 * @param searchOutage       Elasticsearch unreachable this long, from a fifth into the trigger window
 * @param smtpOutage         the SMTP relay down this long, from two fifths in
 * @param settleTimeout      how long every campaign gets, after the last trigger, to reach a named state
 * @param profile            record where the nodes' CPU goes in the throughput phase (the JDK's flight recorder)
 * @param warmUpRounds       at most this many rounds of throughput-phase-sized work before anything is measured, fewer
 *                           once the nodes' JIT compilers have settled
 */
record LoadPlan(String name, long seed, int customers, int campaigns, int lowCampaigns, int roundCampaigns,
                double triggersPerSecond,
                Duration modelLatency, double modelFailureShare, Duration searchOutage, Duration smtpOutage,
                Duration settleTimeout, String nodeHeap, boolean profile, int warmUpRounds) {

    static LoadPlan small() {
        return new LoadPlan("small", 42, 4_000, 50, 10, 4, 2, Duration.ofMillis(100), 0.3,
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(5), "640m", false, 1);
    }

    static LoadPlan full() {
        return new LoadPlan("full", 42, 100_000, 1_000, 100, 20, 8, Duration.ofMillis(200), 0.3,
                Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(20), "768m", true, 5);
    }

    /** The plan named by {@code -Dload.scale} (small unless full), with any single value overridden. */
    static LoadPlan fromSystemProperties() {
        LoadPlan base = "full".equals(System.getProperty("load.scale")) ? full() : small();
        return new LoadPlan(base.name, Long.getLong("load.seed", base.seed),
                Integer.getInteger("load.customers", base.customers), Integer.getInteger("load.campaigns", base.campaigns),
                Integer.getInteger("load.low-campaigns", base.lowCampaigns),
                Integer.getInteger("load.round-campaigns", base.roundCampaigns),
                Double.parseDouble(System.getProperty("load.triggers-per-second", String.valueOf(base.triggersPerSecond))),
                Duration.ofMillis(Long.getLong("load.model-latency-ms", base.modelLatency.toMillis())),
                Double.parseDouble(System.getProperty("load.model-failure-share", String.valueOf(base.modelFailureShare))),
                Duration.ofSeconds(Long.getLong("load.search-outage-s", base.searchOutage.toSeconds())),
                Duration.ofSeconds(Long.getLong("load.smtp-outage-s", base.smtpOutage.toSeconds())),
                Duration.ofMinutes(Long.getLong("load.settle-timeout-min", base.settleTimeout.toMinutes())),
                System.getProperty("load.node-heap", base.nodeHeap),
                Boolean.parseBoolean(System.getProperty("load.profile", String.valueOf(base.profile))),
                Integer.getInteger("load.warm-up-rounds", base.warmUpRounds));
    }

    /** How long the main phase's trigger events take to arrive. */
    Duration triggerWindow() {
        return Duration.ofMillis((long) (campaigns / triggersPerSecond * 1000));
    }
}
