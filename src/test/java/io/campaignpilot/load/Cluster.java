package io.campaignpilot.load;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Two engine nodes on one PostgreSQL, and the load balancer in front of them: requests go round the nodes in its
 * rotation. A node is in the rotation while its readiness probe answers UP, asked twice a second as a load balancer's
 * health check would: a killed node leaves it, and one starting again joins once it is ready, so no request waits on
 * a node that cannot answer yet. A request a node fails anyway goes to the next. Also keeps
 * what each start of each node last showed in {@code /actuator/prometheus}: a counter starts again from zero when
 * its node does, so a total is the sum over every start.
 */
final class Cluster {
    static final String PASSWORD = "demo";

    private final List<AppNode> nodes;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<String, Scrape> lastScrape = new ConcurrentHashMap<>();
    private final List<Double> heapMb = java.util.Collections.synchronizedList(new ArrayList<>());

    Cluster(List<AppNode> nodes) {
        this.nodes = nodes;
        Thread.ofPlatform().daemon().name("load-balancer-health-checks").start(() -> {
            while (true) {
                nodes.forEach(AppNode::checkReadiness);
                sleep(500);
            }
        });
    }

    List<AppNode> nodes() {
        return nodes;
    }

    AppNode node(int i) {
        return nodes.get(i);
    }

    /** Sends through the load balancer: the next node in turn, or another when it does not answer. */
    HttpResponse<String> call(Function<AppNode, HttpResponse<String>> request) {
        RuntimeException last = null;
        boolean anyReady = nodes.stream().anyMatch(AppNode::ready);
        for (int attempt = 0; attempt < nodes.size() * 3; attempt++) {
            AppNode node = nodes.get(Math.floorMod(next.getAndIncrement(), nodes.size()));
            // none ready (both starting): any live node, which may answer all the same
            if (anyReady ? !node.ready() : !node.alive()) {
                continue;
            }
            try {
                HttpResponse<String> response = request.apply(node);
                // a node still starting answers 503 or 401 before its users exist: try another
                if (response.statusCode() != 503) {
                    return response;
                }
            } catch (UncheckedIOException e) {
                last = e;
            }
            sleep(200);
        }
        throw last != null ? last : new IllegalStateException("no node answered");
    }

    HttpResponse<String> get(String path, String user) {
        return call(node -> node.get(path, user, PASSWORD));
    }

    HttpResponse<String> post(String path, String user, String json) {
        return call(node -> node.post(path, user, PASSWORD, json));
    }

    /** Reads every live node's metrics as the scrape user (the demo's prometheus) does; keeps the last read of each start of each node. */
    void scrape() {
        for (AppNode node : nodes) {
            if (!node.alive()) {
                continue;
            }
            try {
                HttpResponse<String> response = node.get("/actuator/prometheus", "prometheus", PASSWORD);
                if (response.statusCode() == 200) {
                    Scrape scrape = Scrape.parse(System.currentTimeMillis(), response.body());
                    lastScrape.put(node.name() + "#" + node.incarnation(), scrape);
                    heapMb.add(scrape.sum("jvm_memory_used_bytes", "area", "heap") / (1024 * 1024));
                }
            } catch (RuntimeException e) {
                // a node going down mid-scrape: its last good read stands
            }
        }
    }

    /**
     * One counter as the live nodes show it now, summed over them: a scrape of that metric alone
     * ({@code ?includedNames=}), cheap enough to read every second. Only for a phase no node restarts in, since a
     * restarted node's counter starts again from zero.
     */
    double now(String metric, String... labels) {
        String family = metric.endsWith("_total") ? metric.substring(0, metric.length() - "_total".length()) : metric;
        double sum = 0;
        for (AppNode node : nodes) {
            if (node.alive()) {
                HttpResponse<String> response = node.get("/actuator/prometheus?includedNames=" + family + "," + metric,
                        "prometheus", PASSWORD);
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(node.name() + " answered " + response.statusCode() + " to a scrape");
                }
                sum += Scrape.parse(System.currentTimeMillis(), response.body()).sum(metric, labels);
            }
        }
        return sum;
    }

    /** A counter's total over the cluster's whole life: the last value each start of each node showed. */
    double total(String metric, String... labels) {
        return lastScrape.values().stream().mapToDouble(s -> s.sum(metric, labels)).sum();
    }

    /** The largest heap in use any node showed. */
    double heapMaxMb() {
        synchronized (heapMb) {
            return heapMb.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }
    }

    /** Every last read, for metrics that are not counters (timers' sums and counts over all starts). */
    List<Scrape> scrapes() {
        return List.copyOf(lastScrape.values());
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
