package io.campaignpilot.it;

import io.campaignpilot.campaign.Channel;
import io.campaignpilot.dev.Figures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.LongFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storefront's load on GET /api/web-content: a web campaign published to 10,000 customers, then 20,000 requests
 * from 8 concurrent clients with the storefront's API token, for random customers (holdout ones included). Prints
 * {@code WEB CONTENT p50=… p95=… p99=… ms over N requests}, measured at the client (HTTP, authentication and the
 * query). Only the work is checked; times are reported, never asserted. Bigger or smaller:
 * {@code -Dbenchmark.webCustomers=… -Dbenchmark.webRequests=… -Dbenchmark.webClients=…}.
 */
class WebContentBenchmarkTest extends ApiTestBase {

    @Autowired
    ApplicationContext context;

    @Test
    void webContentLatencyUnderConcurrentStorefrontRequests() throws Exception {
        int customerCount = Integer.getInteger("benchmark.webCustomers", 10_000);
        int requests = Integer.getInteger("benchmark.webRequests", 20_000);
        int clients = Integer.getInteger("benchmark.webClients", 8);
        CampaignFixtures fixtures = new CampaignFixtures(context);
        String region = CampaignFixtures.region("bench-web");
        long started = System.nanoTime();
        List<Long> customers = fixtures.customers(region, customerCount, "Zephyrine", "Quillon", "Marisol");
        String campaignId = fixtures.campaign(region, null,
                CampaignFixtures.web(1, "Picked for you, {{first_name}}", "Picnic Blanket, now £44.10.", "See the details"),
                CampaignFixtures.web(2, "{{first_name}}, your picnic is ready", "Picnic Blanket, now £44.10.", "Shop now"));
        int recorded = fixtures.record(campaignId, Channel.WEB);
        Map<String, Integer> dispatched = fixtures.dispatch(campaignId, Channel.WEB);
        long publishMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(dispatched).containsEntry("SENT", recorded);

        String token = WebContentTest.storefrontToken(this);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        run(client, token, customers, 2_000, clients, LIVE, null); // warm-up: JIT, connections, the query plan
        // one client alone: the time a request takes when it waits for nothing but itself
        long[] alone = new long[2_000];
        run(client, token, customers, alone.length, 1, LIVE, new Recorder(alone, new AtomicIntegerArray(600)));
        // the same requests refused before the query (400): authentication, HTTP and JSON without the read model
        long[] refused = new long[5_000];
        AtomicIntegerArray refusedStatuses = new AtomicIntegerArray(600);
        run(client, token, customers, refused.length, clients, REFUSED, new Recorder(refused, refusedStatuses));
        long[] nanos = new long[requests];
        AtomicIntegerArray statuses = new AtomicIntegerArray(600);
        long measured = System.nanoTime();
        run(client, token, customers, requests, clients, LIVE, new Recorder(nanos, statuses));
        double seconds = (System.nanoTime() - measured) / 1e9;

        assertThat(statuses.get(200) + statuses.get(204)).as("every request answered 200 or 204").isEqualTo(requests);
        assertThat(statuses.get(200)).as("most customers are in the treatment").isGreaterThan(requests / 2);
        assertThat(refusedStatuses.get(400)).isEqualTo(refused.length);
        Arrays.sort(nanos);
        Arrays.sort(alone);
        Arrays.sort(refused);
        Figures.report("web-content-benchmark", String.format(Locale.ROOT, """
                        WEB CONTENT p50=%.2f p95=%.2f p99=%.2f ms over %d requests (max %.1f ms; %d concurrent clients, %,.0f requests/s)
                          one client alone: p50=%.2f p99=%.2f ms over %d requests
                          refused before the query (400), %d clients: p50=%.2f p99=%.2f ms over %d requests
                          %d customers, %d live (the rest holdout), published and dispatched in %.1f s; 200: %d, 204: %d
                          H2 in memory, client and server in one JVM, %d cores, load average %.1f (other builds share the machine)""",
                percentile(nanos, 50), percentile(nanos, 95), percentile(nanos, 99), requests,
                nanos[nanos.length - 1] / 1e6, clients, requests / seconds, percentile(alone, 50), percentile(alone, 99),
                alone.length, clients, percentile(refused, 50), percentile(refused, 99), refused.length, customerCount, recorded, publishMillis / 1000.0, statuses.get(200), statuses.get(204),
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    }

    private static final LongFunction<String> LIVE = customer -> "/api/web-content?customerId=" + customer + "&slot=home-hero";
    private static final LongFunction<String> REFUSED = customer -> "/api/web-content?customerId=" + customer + "&slot=sidebar";

    private record Recorder(long[] nanos, AtomicIntegerArray statuses) {
    }

    /** {@code count} requests for random customers, spread over {@code clients} threads each waiting for its answer. */
    private void run(HttpClient client, String token, List<Long> customers, int count, int clients, LongFunction<String> path,
                     Recorder recorder)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int from = count * c / clients;
                int to = count * (c + 1) / clients;
                work.add(threads.submit(() -> {
                    for (int i = from; i < to; i++) {
                        long customer = customers.get(ThreadLocalRandom.current().nextInt(customers.size()));
                        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path.apply(customer)))
                                .header("Authorization", "Bearer " + token).GET().build();
                        long t = System.nanoTime();
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (recorder != null) {
                            recorder.nanos()[i] = System.nanoTime() - t;
                            recorder.statuses().incrementAndGet(response.statusCode());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> done : work) {
                done.get();
            }
        } finally {
            threads.shutdown();
        }
    }

    private static double percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
