package io.campaignpilot.it;

import io.campaignpilot.engine.ProcessNames;
import com.fasterxml.jackson.databind.JsonNode;
import io.campaignpilot.dev.Figures;
import io.campaignpilot.dev.SmtpSink;
import io.campaignpilot.publishing.PublishingProperties;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12's benchmark: a 100,000-recipient email campaign goes the real way — trigger, audience, grounding,
 * generation, policy, marketing and legal review (a reach this large is HIGH risk), re-check, then the engine job
 * "Record deliveries" and the external task "Dispatch deliveries" worked by the application's own dispatcher — to
 * an SMTP sink on loopback that counts messages and Message-IDs and keeps nothing. Prints how long each phase took,
 * messages per second and the peak heap; asserts only that every recipient got exactly one message (target:
 * at least 500 messages/s on 2 cores with a heap of at most 512 MB).
 * <p>
 * Not part of {@code ./mvnw verify}: {@code ./mvnw -Pbenchmark-dispatch verify} runs it alone in a JVM capped at
 * -Xmx512m, on an H2 file database (the embedded default); {@code -Dbenchmark.database=postgresql} runs it on the
 * PostgreSQL of the tests (database campaignpilot_bench), {@code -Dbenchmark.recipients=10000} smaller.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:file:./target/dispatch-benchmark/campaignpilot;DB_CLOSE_ON_EXIT=FALSE",
                // the benchmark's customers are the only ones, every one of them a recipient: the holdout is
                // measurement's business, not dispatch's
                "campaignpilot.demo.customers=false",
                "campaignpilot.audience.holdout-percent=0",
                // as fast as the relay takes them: the production limit (100/s) would be all this measures
                "campaignpilot.publishing.rate-per-second.email=0",
                // a benchmark runs on a busy machine: a slow start of the embedded Elasticsearch is no failure here
                "campaignpilot.knowledge.timeout=30s"})
class DispatchBenchmarkTest extends ApiTestBase {
    static final int RECIPIENTS = Integer.getInteger("benchmark.recipients", 100_000);
    static final String DATABASE = System.getProperty("benchmark.database", "h2");
    static final String REGION = "north";
    static final String SEGMENT = "outdoor-enthusiasts";
    static final String SKU = "HP-OUT-004";
    static final SmtpSink SINK = SmtpSink.start();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTemplate template;

    @Autowired
    JavaMailSenderImpl mail;

    @Autowired
    PublishingProperties publishing;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        if ("postgresql".equals(DATABASE)) {
            PostgresEndToEndTest.resetDatabase("campaignpilot_bench");
            registry.add("spring.datasource.url", () -> "jdbc:postgresql://" + PostgresEndToEndTest.HOST + "/campaignpilot_bench");
            registry.add("spring.datasource.username", () -> PostgresEndToEndTest.USER);
            registry.add("spring.datasource.password", () -> PostgresEndToEndTest.PASSWORD);
        } else {
            deleteRecursively(Path.of("target", "dispatch-benchmark"));
        }
    }

    @AfterAll
    static void stopSink() {
        SINK.close();
    }

    @Test
    void dispatchesAHundredThousandEmails() {
        mail.setPort(SINK.port());
        long setupStarted = System.nanoTime();
        insertCustomers(RECIPIENTS);
        // enough picnic blankets in the north for the redemptions the rules expect (3 % of the reach)
        jdbc.sql("update product set stock = ? where sku = ?").params(RECIPIENTS, SKU).update();
        jdbc.sql("update product_stock set units = ? where sku = ? and region = ?").params(RECIPIENTS, SKU, REGION).update();
        double setupSeconds = seconds(System.nanoTime() - setupStarted);

        HeapWatch heap = HeapWatch.start();
        long started = System.currentTimeMillis();
        String campaignId = trigger();
        List<String> reviewers = approveUntilPublished(campaignId, Duration.ofMinutes(40));
        long published = System.currentTimeMillis();
        heap.stop();

        Phase record = phase(campaignId, "RecordDeliveries");
        Phase dispatch = phase(campaignId, "DispatchDeliveries");
        Map<String, Object> sending = jdbc.sql("""
                        select count(*) as sent, min(claimed_at) as first_claim, max(sent_at) as last_sent from delivery
                        where campaign_id = ? and status = 'SENT'""").param(campaignId).query().singleRow();
        long sent = ((Number) sending.get("sent")).longValue();
        double sendingSeconds = (((java.sql.Timestamp) sending.get("last_sent")).getTime()
                - ((java.sql.Timestamp) sending.get("first_claim")).getTime()) / 1000.0;
        long deliveries = jdbc.sql("select count(*) from delivery where campaign_id = ?").param(campaignId)
                .query(Long.class).single();
        double messagesPerSecond = sent / dispatch.seconds();
        int cores = Runtime.getRuntime().availableProcessors();

        String report = String.join(System.lineSeparator(),
                line("DISPATCH BENCHMARK (%s, %d cores, -Xmx%d m, email rate limit off, batch size %s, connections per "
                                + "channel %s, dispatch threads %s)",
                        "postgresql".equals(DATABASE) ? "PostgreSQL" : "H2 file", cores,
                        Runtime.getRuntime().maxMemory() / (1024 * 1024), publishing.batchSize(),
                        publishing.connectionsPerChannel(), publishing.dispatchThreads()),
                line("  setup: %d customers inserted in %.1f s (not timed below)", RECIPIENTS, setupSeconds),
                line("  trigger to published: %.1f s, reviews by %s", (published - started) / 1000.0,
                        String.join(", ", reviewers)),
                line("  record deliveries (engine job): %d deliveries in %.1f s = %.0f deliveries/s; heap peak %.0f MB",
                        deliveries, record.seconds(), deliveries / record.seconds(), heap.peakUsedMb(record.start(), record.end())),
                line("  dispatch deliveries (external task, in-app worker): %d sent in %.1f s = %.0f messages/s (first claim "
                                + "to last sent %.1f s); heap peak %.0f MB", sent, dispatch.seconds(), messagesPerSecond,
                        sendingSeconds, heap.peakUsedMb(dispatch.start(), dispatch.end())),
                line("  SMTP sink: %d messages, %d distinct Message-IDs, %d without one, %d connections",
                        SINK.messages(), SINK.distinctMessageIds(), SINK.withoutMessageId(), SINK.connections()),
                line("  whole run: heap peak %.0f MB (used heap sampled every 10 ms), GC time %d ms",
                        heap.peakUsedMb(started, published), heap.gcMillis()),
                "  target: >= 500 messages/s on 2 cores, heap <= 512 MB",
                line("DISPATCH BENCHMARK recipients=%d sent=%d record_s=%.1f dispatch_s=%.1f messages_per_s=%.0f "
                                + "peak_heap_mb=%.0f duplicates=%d cores=%d", deliveries, sent, record.seconds(),
                        dispatch.seconds(), messagesPerSecond, heap.peakUsedMb(started, published), SINK.duplicates(), cores));
        Figures.report("dispatch-benchmark", report);

        assertThat(deliveries).as("one delivery per recipient").isEqualTo(RECIPIENTS);
        assertThat(sent).as("every delivery sent").isEqualTo(RECIPIENTS);
        assertThat(SINK.messages()).as("the relay received each exactly once").isEqualTo(sent);
        assertThat(SINK.duplicates()).isZero();
    }

    private void insertCustomers(int count) {
        long first = jdbc.sql("select coalesce(max(id), 0) from customer").query(Long.class).single() + 1;
        List<Object[]> rows = new ArrayList<>(1000);
        for (long id = first; id < first + count; id++) {
            rows.add(new Object[]{id, "bench." + id + "@customers.example", "+447700" + id, "Bench", REGION, "en-GB",
                    SEGMENT, "bronze"});
            if (rows.size() == 1000 || id == first + count - 1) {
                template.batchUpdate("""
                        insert into customer (id, email, phone, first_name, region, locale, segment, loyalty_tier,
                            consent_email, consent_sms, consent_push, consent_web, consent_social)
                        values (?, ?, ?, ?, ?, ?, ?, ?, true, false, false, false, false)""", rows);
                rows.clear();
            }
        }
    }

    private String trigger() {
        HttpResponse<String> created = post("/api/triggers", "integration", """
                {"eventId": "bench-%s", "type": "OVERSTOCK", "occurredAt": "2026-11-20T09:00:00Z",
                 "skus": ["%s"], "region": "%s", "segment": "%s", "discountPercent": 10, "channels": ["email"]}"""
                .formatted(UUID.randomUUID(), SKU, REGION, SEGMENT));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return read(created.body()).path("campaignId").asText();
    }

    /**
     * Approves whichever review the rules asked for (marketing, then legal for HIGH), until the campaign is published.
     * Polls lightly (the campaign's status row, the reviewers' task lists once a second): the campaign view counts
     * every delivery and, asked five times a second, would take CPU from the dispatch it measures.
     */
    private List<String> approveUntilPublished(String campaignId, Duration timeout) {
        List<String> reviewers = new ArrayList<>();
        Set<String> done = new HashSet<>();
        boolean recording = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String status = jdbc.sql("select status from campaign where id = ?").param(campaignId).query(String.class).single();
            if ("PUBLISHED".equals(status)) {
                return reviewers;
            }
            if (!"RUNNING".equals(status) || System.nanoTime() > deadline) {
                throw new AssertionError("campaign " + campaignId + " is " + status + ": " + campaign(campaignId));
            }
            // reviews are over once deliveries are recorded
            recording = recording || jdbc.sql("select id from delivery where campaign_id = ? limit 1").param(campaignId)
                    .query(Long.class).optional().isPresent();
            for (String reviewer : recording ? List.<String>of() : List.of("mary", "lena")) {
                for (JsonNode task : read(get("/engine-rest/task?processInstanceBusinessKey=" + campaignId, reviewer).body())) {
                    String id = task.path("id").asText();
                    if (done.add(id)) {
                        String field = ProcessNames.LEGAL_REVIEW_TASK.equals(task.path("taskDefinitionKey").asText())
                                ? ProcessNames.LEGAL_DECISION : ProcessNames.MARKETING_DECISION;
                        assertThat(post("/engine-rest/task/" + id + "/claim", reviewer,
                                "{\"userId\": \"" + reviewer + "\"}").statusCode()).isEqualTo(204);
                        HttpResponse<String> completed = post("/engine-rest/task/" + id + "/complete", reviewer,
                                "{\"variables\": {\"" + field + "\": {\"value\": \"approve\"}}}");
                        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);
                        reviewers.add(reviewer);
                    }
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    record Phase(long start, long end) {
        double seconds() {
            return (end - start) / 1000.0;
        }
    }

    /** How long the channel's activity ran, from the engine's history (start to end of its activity instance). */
    private Phase phase(String campaignId, String activityId) {
        List<String> instances = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(campaignId).list().stream().map(pi -> pi.getId()).toList();
        List<HistoricActivityInstance> runs = instances.stream()
                .flatMap(pi -> engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(pi)
                        .activityId(activityId).finished().list().stream()).toList();
        assertThat(runs).as(activityId).isNotEmpty();
        long start = runs.stream().map(HistoricActivityInstance::getStartTime).min(Comparator.naturalOrder()).orElseThrow().getTime();
        long end = runs.stream().map(HistoricActivityInstance::getEndTime).max(Comparator.naturalOrder()).orElseThrow().getTime();
        return new Phase(start, end);
    }

    private static String line(String format, Object... values) {
        return String.format(Locale.ROOT, format, values);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The used heap while the campaign runs, sampled every 10 ms as a timeline so each phase can be read from it
     * afterwards; with -Xmx512m this is what the run needed of the 512 MB it was given, and no more.
     */
    static final class HeapWatch {
        private final Thread sampler;
        private final long gcBefore = gcMillisSoFar();
        private final List<long[]> used = java.util.Collections.synchronizedList(new ArrayList<>());
        private volatile boolean running = true;
        private long gcMillis;

        private HeapWatch() {
            sampler = new Thread(() -> {
                while (running) {
                    used.add(new long[]{System.currentTimeMillis(),
                            ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()});
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-watch");
            sampler.setDaemon(true);
        }

        static HeapWatch start() {
            HeapWatch watch = new HeapWatch();
            watch.sampler.start();
            return watch;
        }

        void stop() {
            running = false;
            try {
                sampler.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            gcMillis = gcMillisSoFar() - gcBefore;
        }

        double peakUsedMb(long from, long to) {
            synchronized (used) {
                return used.stream().filter(s -> s[0] >= from && s[0] <= to).mapToLong(s -> s[1]).max().orElse(0)
                        / (1024.0 * 1024);
            }
        }

        long gcMillis() {
            return gcMillis;
        }

        private static long gcMillisSoFar() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(g -> Math.max(g.getCollectionTime(), 0)).sum();
        }
    }
}
