package io.campaignpilot.load;

import io.campaignpilot.engine.ProcessNames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpilot.dev.CuttableLink;
import io.campaignpilot.dev.EmbeddedElasticsearch;
import io.campaignpilot.dev.EmbeddedWebhooks;
import io.campaignpilot.dev.SmtpSink;
import io.campaignpilot.dev.TestPostgres;
import io.campaignpilot.dev.TimeZones;
import io.campaignpilot.generation.StubChatServer;
import io.campaignpilot.generation.StubCopywriter;
import io.campaignpilot.retailer.RetailerLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The load and fault run (issue 13): two nodes of the packaged application on one PostgreSQL database of their own,
 * a stub OpenAI-compatible model, an SMTP sink and SMS/push webhooks, the embedded Elasticsearch; the relay and
 * search behind links that can be cut. Three phases on the same engine:
 * <ol>
 *   <li>throughput: LOW-tier campaigns, zero-latency model, no faults: trigger to published per second;</li>
 *   <li>yardstick: as many no-op processes of the same shape: started to ended per second;</li>
 *   <li>load under faults: campaigns of mixed tiers, reaches and channels arriving at a steady rate, reviews done by a
 *       scripted reviewer through Camunda's REST API, while 30 % of model calls fail or time out, search goes away,
 *       the relay goes down, and one node is killed ({@code kill -9}) and started again.</li>
 * </ol>
 * Then it checks the invariants over the database and reads its figures from the nodes' {@code /actuator/prometheus}.
 */
final class LoadRun {
    private static final Duration MODEL_TIMEOUT = Duration.ofSeconds(5);
    /** The JIT compilers' work, a counter of milliseconds per node. */
    private static final String JIT_TIME = "jvm_compilation_time_ms_total";
    /** Settled: the compilers worked less than this share of a core per node through a warm-up round. */
    private static final double JIT_SETTLED = 0.10;
    private static final Duration ROUND_LATENCY = Duration.ofSeconds(1);
    private static final String EMAILS_SENT = "campaignpilot_dispatch_messages_total";
    private static final String CAMPAIGNS_ENDED = "campaignpilot_campaigns_ended_total";

    private final LoadPlan plan;
    private final String database;
    private final Path logs;
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> timeline = new CopyOnWriteArrayList<>();
    private final Map<String, String> accepted = new ConcurrentHashMap<>();
    private final List<Long> apiNanos = Collections.synchronizedList(new ArrayList<>());
    /** The API samples taken while the killed node was down or starting again, apart. */
    private final List<Long> apiNanosDuringRestart = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean restarting;
    private final AtomicLong apiErrors = new AtomicLong();
    private final AtomicLong reviews = new AtomicLong();
    private final AtomicLong conflictingDuplicates = new AtomicLong();
    private final List<long[]> emailSeries = new CopyOnWriteArrayList<>();
    private long runStarted;
    private Connection db;
    private final CpuProfile throughputProfile = new CpuProfile();
    private final List<String> seedingProblems = new ArrayList<>();
    private final Map<String, Double> throughputCpu = new LinkedHashMap<>();
    private String throughputDatabase = "not measured";
    private double throughputJit;

    LoadRun(LoadPlan plan, String database, Path logs) {
        this.plan = plan;
        this.database = database;
        this.logs = logs;
    }

    LoadResult run() throws Exception {
        runStarted = System.currentTimeMillis();
        TestPostgres.reset(database);
        URI elasticsearch = URI.create(EmbeddedElasticsearch.shared().url());
        String secret = "load-" + UUID.randomUUID() + UUID.randomUUID();
        EmbeddedWebhooks webhooks = new EmbeddedWebhooks(0, secret);
        try (StubChatServer model = new StubChatServer();
             SmtpSink sink = SmtpSink.start();
             CuttableLink smtp = new CuttableLink("127.0.0.1", sink.port());
             CuttableLink search = new CuttableLink(elasticsearch.getHost(), elasticsearch.getPort())) {
            model.keepRequests = false;
            model.answer = StubCopywriter::answer;
            List<AppNode> nodes = new ArrayList<>();
            for (String name : List.of("node-a", "node-b")) {
                nodes.add(new AppNode(name, settings(name, model, smtp, search, webhooks), Map.of(), logs));
            }
            Cluster cluster = new Cluster(nodes);
            try {
                return run(cluster, model, sink, smtp, search, webhooks);
            } finally {
                for (AppNode node : nodes) {
                    node.stop();
                }
                webhooks.stop();
                if (db != null) {
                    db.close();
                }
            }
        }
    }

    private List<String> settings(String node, StubChatServer model, CuttableLink smtp, CuttableLink search,
                                  EmbeddedWebhooks webhooks) {
        List<String> settings = new ArrayList<>(List.of(
                "--spring.profiles.active=demo",
                "--spring.datasource.url=" + TestPostgres.url(database),
                "--spring.datasource.username=" + TestPostgres.USER,
                "--spring.datasource.password=" + TestPostgres.PASSWORD,
                "--campaignpilot.demo.fire-triggers=false",
                "--campaignpilot.knowledge.url=http://127.0.0.1:" + search.port(),
                // an index of this run's own in the JVM's shared Elasticsearch node
                "--campaignpilot.knowledge.alias=knowledge-" + logs.getFileName(),
                "--campaignpilot.knowledge.timeout=10s",
                "--spring.mail.port=" + smtp.port(),
                "--campaignpilot.generation.provider=openai",
                "--campaignpilot.generation.openai.base-url=" + model.baseUrl(),
                "--campaignpilot.generation.openai.model=stub-model",
                "--campaignpilot.generation.openai.timeout=" + MODEL_TIMEOUT.toSeconds() + "s",
                "--campaignpilot.generation.openai.read-timeout=" + MODEL_TIMEOUT.toSeconds() + "s",
                // customers live where it is around noon: no SMS waits for quiet hours, whenever the run is
                "--campaignpilot.publishing.default-time-zone=" + TimeZones.whereItIs(12),
                // as fast as the relay takes them: the production limit (100/s) would be all emailsPerSecond measured
                "--campaignpilot.publishing.rate-per-second.email=0",
                // a killed node's claimed deliveries are settled after a minute, not production's five
                "--campaignpilot.publishing.claim-timeout=PT1M",
                "--campaignpilot.publishing.unsubscribe.secret=" + "u".repeat(8) + UUID.nameUUIDFromBytes(database.getBytes()),
                "--campaignpilot.publishing.audience-export.directory=" + logs.resolve(node + "-audience-exports").toAbsolutePath()));
        for (String channel : List.of("sms", "push")) {
            settings.add("--campaignpilot.publishing.webhook." + channel + ".url=" + webhooks.url(channel));
            settings.add("--campaignpilot.publishing.webhook." + channel + ".secret=" + webhooks.secret());
        }
        return settings;
    }

    private LoadResult run(Cluster cluster, StubChatServer model, SmtpSink sink, CuttableLink smtp, CuttableLink search,
                           EmbeddedWebhooks webhooks) throws Exception {
        // two fresh nodes at once on an empty database: start-up and seeding must not trip over each other
        for (AppNode node : cluster.nodes()) {
            node.start(plan.nodeHeap());
        }
        for (AppNode node : cluster.nodes()) {
            node.awaitHealthy();
        }
        mark("both nodes healthy");
        seedingProblems.addAll(seedingProblems(cluster));
        LoadCells retailer = new LoadCells(plan.seed(), plan.customers(), plan.lowCampaigns(), plan.warmUpRounds());
        RetailerLoader.Loaded loaded;
        try (Connection db = TestPostgres.connect(database)) {
            loaded = retailer.insertCustomers(db);
        }
        mark(loaded.customers() + " customers inserted, with " + loaded.orders() + " orders and " + loaded.sessions()
                + " sessions over twelve months");
        boolean autovacuum = analyze();
        trainPropensityModels(cluster);
        awaitKnowledge(cluster);

        ScheduledExecutorService background = Executors.newScheduledThreadPool(4);
        if (!autovacuum) {
            background.scheduleWithFixedDelay(this::analyze, 30, 30, TimeUnit.SECONDS);
        }
        AtomicBoolean reviewing = new AtomicBoolean(true);
        background.scheduleWithFixedDelay(() -> {
            if (reviewing.get()) {
                reviewOnce(cluster);
            }
        }, 1, 1, TimeUnit.SECONDS);
        // every two seconds: often enough for a rate over minutes, and each scrape costs the nodes CPU the campaigns
        // would otherwise have (a Prometheus server scrapes every 15 s or so)
        background.scheduleWithFixedDelay(() -> {
            cluster.scrape();
            emailSeries.add(new long[]{System.currentTimeMillis(),
                    (long) cluster.total(EMAILS_SENT, "channel", "email", "status", "SENT")});
        }, 0, 2, TimeUnit.SECONDS);
        try {
            int warmUpCampaigns = warmUp(cluster, retailer);
            double lowPerSecond = throughputPhase(cluster, retailer.lowPhaseEvents());
            double noopPerSecond = noopPhase(cluster, plan.lowCampaigns(), "yardstick phase");
            roundsPhase(cluster, model, retailer.roundEvents(plan.roundCampaigns()));
            long mainStarted = System.currentTimeMillis();
            loadPhase(cluster, model, smtp, search, retailer.mainEvents(plan.campaigns()));
            settle(cluster);
            reviewing.set(false);
            cluster.scrape();
            return result(cluster, sink, webhooks, lowPerSecond, noopPerSecond, mainStarted, warmUpCampaigns);
        } finally {
            background.shutdownNow();
            background.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Gathers the planner's statistics, as autovacuum does on a production server as tables grow. This machine's
     * PostgreSQL runs with autovacuum off, and without statistics on tables that grew by hundreds of thousands of rows
     * the planner picks plans no production database would; then the run measures the planner, not the application.
     * True when the server's autovacuum is on (and keeps doing this itself).
     */
    private boolean analyze() {
        try (Connection connection = TestPostgres.connect(database); Statement statement = connection.createStatement()) {
            long started = System.nanoTime();
            statement.execute("analyze");
            try (ResultSet on = statement.executeQuery("show autovacuum")) {
                on.next();
                if (timeline.stream().noneMatch(line -> line.contains("statistics gathered"))) {
                    mark(String.format(Locale.ROOT, "statistics gathered in %.1f s (autovacuum is %s: %s)",
                            (System.nanoTime() - started) / 1e9, on.getString(1), "on".equals(on.getString(1))
                                    ? "it keeps them current" : "gathered again every 30 s, as it would"));
                }
                return "on".equals(on.getString(1));
            }
        } catch (SQLException e) {
            mark("gathering statistics failed: " + e.getMessage());
            return true;
        }
    }

    private DatabaseWork databaseWork() throws SQLException {
        try (Connection connection = TestPostgres.connect(database)) {
            return DatabaseWork.read(connection);
        }
    }

    /**
     * A propensity model per category from the year of history, as the nightly retraining would make them: from here on
     * audiences are ranked by expected value and arbitrated between campaigns, on both nodes.
     */
    private void trainPropensityModels(Cluster cluster) {
        // minutes at full size: one request to one node, waited for (a retry elsewhere would only get a 409), and
        // finished before anything is measured
        long started = System.nanoTime();
        HttpResponse<String> trained = cluster.node(0).post("/api/targeting/models/train", "owen", Cluster.PASSWORD, "",
                Duration.ofMinutes(20));
        if (trained.statusCode() != 200) {
            throw new IllegalStateException("training the propensity models answered " + trained.statusCode() + ": " + trained.body());
        }
        List<String> models = new ArrayList<>();
        read(trained.body()).forEach(m -> models.add(String.format(Locale.ROOT, "%s auc=%.3f", m.path("category").asText(),
                m.path("auc").asDouble())));
        mark(String.format(Locale.ROOT, "propensity models in use (trained in %.0f s): %s",
                (System.nanoTime() - started) / 1e9, models.isEmpty() ? "none" : String.join(", ", models)));
    }

    /** The demo corpus is in search before the first campaign asks it (both nodes import it at start). */
    private void awaitKnowledge(Cluster cluster) {
        await("the knowledge corpus", Duration.ofMinutes(3), () -> {
            HttpResponse<String> docs = cluster.get("/api/knowledge/documents", "ada");
            return docs.statusCode() == 200 && read(docs.body()).size() > 5;
        });
        mark("knowledge corpus ready");
    }

    private double throughputPhase(Cluster cluster, List<LoadCells.Event> events) throws Exception {
        mark("throughput phase: " + events.size() + " LOW-tier campaigns, zero-latency model, no faults");
        double before = cluster.now(CAMPAIGNS_ENDED, "outcome", "PUBLISHED", "tier", "LOW");
        if (plan.profile()) {
            cluster.nodes().forEach(AppNode::startProfile);
        }
        Map<String, Double> cpuBefore = ProcessCpu.read(cluster.nodes());
        DatabaseWork dbBefore = databaseWork();
        double compiledBefore = cluster.now(JIT_TIME);
        long started = System.currentTimeMillis();
        // LOW publications as the metrics count them, read every second (that one counter alone, so the reading costs
        // the nodes little): when the last one showed is the phase's end
        List<long[]> published = new CopyOnWriteArrayList<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = Thread.ofPlatform().name("low-publications").start(() -> {
            while (watching.get()) {
                try {
                    published.add(new long[]{System.currentTimeMillis(),
                            Math.round(cluster.now(CAMPAIGNS_ENDED, "outcome", "PUBLISHED", "tier", "LOW") - before)});
                } catch (RuntimeException e) {
                    mark("reading the LOW publications failed (read again in a second): " + e.getMessage());
                }
                Cluster.sleep(1000);
            }
        });
        triggerAll(cluster, events, 8);
        await("the throughput phase's campaigns", plan.settleTimeout(), () -> running("load-%-low-%") == 0);
        Map<String, Double> cpuAfter = ProcessCpu.read(cluster.nodes());
        throughputJit = jitShare(cluster, compiledBefore, started);
        cpuAfter.forEach((group, secs) -> throughputCpu.put(group, (secs - cpuBefore.getOrDefault(group, 0.0)) / events.size()));
        if (plan.profile()) {
            for (AppNode node : cluster.nodes()) {
                throughputProfile.add(node.stopProfile());
            }
        }
        long low = count("select count(*) from campaign where trigger_event_id like 'load-%-low-%' "
                + "and status = 'PUBLISHED' and tier = 'LOW'");
        await("LOW publications in the metrics", Duration.ofSeconds(30),
                () -> !published.isEmpty() && published.getLast()[1] >= low);
        watching.set(false);
        watcher.join();
        // a busy connection reports its statistics when it goes idle, at the latest 10 s later
        Thread.sleep(11_000);
        throughputDatabase = databaseWork().perCampaign(dbBefore, events.size(), 8);
        long last = published.stream().filter(p -> p[1] >= low).mapToLong(p -> p[0]).min().orElse(System.currentTimeMillis());
        double seconds = Math.max(1, last - started) / 1000.0;
        mark(String.format(Locale.ROOT, "throughput phase: %d LOW campaigns published in %.1f s (metrics; the database "
                + "holds %d LOW publications of the phase)", published.getLast()[1], seconds, low));
        return published.getLast()[1] / seconds;
    }

    /**
     * Rounds of the throughput phase's work (its campaigns on cells of their own, then as many no-op processes) until
     * the nodes' JIT compilers have settled, as on a node that has run for a while: on two cores they took about half
     * of all CPU through the first minutes of campaigns, so a measurement before then measured the compilers. The
     * compilers' work is read from the nodes' {@code jvm_compilation_time_ms_total}. The number of warm-up campaigns.
     */
    private int warmUp(Cluster cluster, LoadCells retailer) throws Exception {
        int campaigns = 0;
        for (int round = 1; round <= plan.warmUpRounds(); round++) {
            List<LoadCells.Event> events = retailer.warmUpEvents(round);
            mark("warm-up round " + round + ": " + events.size() + " campaigns like the throughput phase's, then as many "
                    + "no-op processes");
            double compiledBefore = cluster.now(JIT_TIME);
            long started = System.currentTimeMillis();
            triggerAll(cluster, events, 8);
            String pattern = "load-%-warm" + round + "-%";
            await("warm-up round " + round, plan.settleTimeout(), () -> running(pattern) == 0);
            noopPhase(cluster, events.size(), "warm-up round " + round);
            campaigns += events.size();
            double share = jitShare(cluster, compiledBefore, started);
            mark(String.format(Locale.ROOT, "warm-up round %d: done in %.0f s; the JIT compilers worked %.0f %% of a "
                    + "core per node", round, (System.currentTimeMillis() - started) / 1000.0, share * 100));
            if (share < JIT_SETTLED) {
                break;
            }
        }
        return campaigns;
    }

    /** The share of a core each node's JIT compilers worked since {@code started}, when they stood at {@code compiledBefore}. */
    private static double jitShare(Cluster cluster, double compiledBefore, long started) {
        return (cluster.now(JIT_TIME) - compiledBefore) / Math.max(1, System.currentTimeMillis() - started)
                / cluster.nodes().size();
    }

    private double noopPhase(Cluster cluster, int instances, String phase) throws Exception {
        mark(phase + ": " + instances + " no-op processes of the campaign's shape");
        HttpResponse<String> deployed = cluster.call(node -> node.send(deployment(node)));
        if (deployed.statusCode() != 200) {
            throw new AssertionError("cannot deploy the no-op process: " + deployed.statusCode() + " " + deployed.body());
        }
        long started = System.currentTimeMillis();
        ExecutorService starters = Executors.newFixedThreadPool(8);
        List<Future<HttpResponse<String>>> starts = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            starts.add(starters.submit(() -> cluster.post("/engine-rest/process-definition/key/noop-campaign/start", "admin",
                    "{\"variables\": {\"channelCount\": {\"value\": 1, \"type\": \"Integer\"}}}")));
        }
        for (Future<HttpResponse<String>> start : starts) {
            HttpResponse<String> response = start.get();
            if (response.statusCode() != 200) {
                throw new AssertionError("cannot start the no-op process: " + response.body());
            }
        }
        starters.shutdown();
        String ours = "from act_hi_procinst where proc_def_key_ = 'noop-campaign' and start_time_ >= to_timestamp("
                + started / 1000.0 + ")";
        await("the no-op processes", plan.settleTimeout(), () -> count("select count(*) " + ours
                + " and end_time_ is not null") >= instances);
        long last = count("select coalesce(max(extract(epoch from end_time_) * 1000), 0) " + ours);
        double seconds = Math.max(1, last - started) / 1000.0;
        mark(String.format(Locale.ROOT, "%s: %d no-op processes ended in %.1f s", phase, instances, seconds));
        return instances / seconds;
    }

    /**
     * Five-channel campaigns, one a second, with a model answering after {@link #ROUND_LATENCY} and no faults: the
     * generation round (five calls side by side) against one model call, under a load the nodes keep up with.
     */
    private void roundsPhase(Cluster cluster, StubChatServer model, List<LoadCells.Event> events) throws Exception {
        mark("generation-round phase: " + events.size() + " five-channel campaigns, one a second, model latency "
                + ROUND_LATENCY.toMillis() + " ms");
        model.delayMillis = ROUND_LATENCY.toMillis();
        long started = System.currentTimeMillis();
        List<Future<?>> sent = new ArrayList<>();
        try (ExecutorService senders = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < events.size(); i++) {
                long wait = started + i * 1000L - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                LoadCells.Event event = events.get(i);
                sent.add(senders.submit(() -> trigger(cluster, event, false)));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        }
        await("the generation-round phase's campaigns", plan.settleTimeout(), () -> running("load-%-round-%") == 0
                && openTasks() == 0);
        mark("generation-round phase: done");
    }

    private HttpRequest deployment(AppNode node) {
        String boundary = "load-" + UUID.randomUUID();
        String bpmn;
        try (var in = LoadRun.class.getResourceAsStream("/load/noop-campaign.bpmn")) {
            bpmn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nload-noop\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"enable-duplicate-filtering\"\r\n\r\ntrue\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"noop-campaign.bpmn\"; "
                + "filename=\"noop-campaign.bpmn\"\r\nContent-Type: application/xml\r\n\r\n" + bpmn + "\r\n"
                + "--" + boundary + "--\r\n";
        return HttpRequest.newBuilder(node.uri("/engine-rest/deployment/create"))
                .header("Authorization", AppNode.basic("admin", Cluster.PASSWORD))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private void loadPhase(Cluster cluster, StubChatServer model, CuttableLink smtp, CuttableLink search,
                           List<LoadCells.Event> events) throws Exception {
        long window = plan.triggerWindow().toMillis();
        mark(String.format(Locale.ROOT, "load phase: %d campaigns over %.0f s; model latency %d ms, %.0f %% of calls fail",
                events.size(), window / 1000.0, plan.modelLatency().toMillis(), plan.modelFailureShare() * 100));
        model.delayMillis = plan.modelLatency().toMillis();
        Random faults = new Random(plan.seed() + 3);
        model.faults = request -> {
            double roll;
            synchronized (faults) {
                roll = faults.nextDouble();
            }
            if (roll >= plan.modelFailureShare()) {
                return null;
            }
            // half fail at once, half answer after the client has given up
            return roll < plan.modelFailureShare() / 2 ? StubChatServer.Scripted.status(500)
                    : new StubChatServer.Scripted(200, "{}", MODEL_TIMEOUT.toMillis() + 2_000, null);
        };
        ScheduledExecutorService schedule = Executors.newScheduledThreadPool(2);
        AppNode victim = cluster.node(1);
        List<Future<?>> faultsDone = new ArrayList<>();
        faultsDone.add(schedule.schedule(() -> outage("Elasticsearch", search, plan.searchOutage()), window / 5, TimeUnit.MILLISECONDS));
        faultsDone.add(schedule.schedule(() -> outage("the SMTP relay", smtp, plan.smtpOutage()), 2 * window / 5, TimeUnit.MILLISECONDS));
        faultsDone.add(schedule.schedule(() -> {
            restarting = true;
            victim.kill();
            mark("kill -9 " + victim.name());
            long restarted = System.nanoTime();
            victim.start(plan.nodeHeap());
            // on this one machine the restart shares the cores with the other node working off the backlog (on
            // their own machines it would not): it may take minutes, and it may take until the campaigns settle
            victim.awaitHealthy(plan.settleTimeout());
            restarting = false;
            mark(String.format(Locale.ROOT, "%s healthy again, %.0f s after its restart", victim.name(),
                    (System.nanoTime() - restarted) / 1e9));
            return null;
        }, 3 * window / 5, TimeUnit.MILLISECONDS));

        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = Thread.ofPlatform().name("api-latency").start(() -> sampleApi(cluster, sampling));
        long started = System.currentTimeMillis();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            long due = started + (long) (i * 1000 / plan.triggersPerSecond());
            long wait = due - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            LoadCells.Event event = events.get(i);
            // every 25th event arrives twice at once, once at each node, as a retrying broker would deliver it
            boolean twice = i % 25 == 12;
            sent.add(senders.submit(() -> trigger(cluster, event, twice)));
        }
        for (Future<?> f : sent) {
            f.get();
        }
        senders.shutdown();
        mark("load phase: every trigger event accepted");
        for (Future<?> f : faultsDone) {
            f.get();
        }
        schedule.shutdown();
        model.faults = request -> null;
        mark("load phase: faults over");
        await("the load phase's campaigns to settle", plan.settleTimeout(), () -> unsettled().isEmpty() && openTasks() == 0);
        sampling.set(false);
        sampler.join();
    }

    private Void outage(String what, CuttableLink link, Duration duration) throws InterruptedException {
        link.cut();
        mark(what + " down for " + duration.toSeconds() + " s");
        Thread.sleep(duration.toMillis());
        link.restore();
        mark(what + " back");
        return null;
    }

    private void settle(Cluster cluster) {
        await("every campaign in a named state or waiting visibly", plan.settleTimeout(),
                () -> unsettled().isEmpty() && openTasks() == 0);
        mark("settled");
    }

    private void triggerAll(Cluster cluster, List<LoadCells.Event> events, int threads) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(threads);
        List<Future<?>> sent = new ArrayList<>();
        for (LoadCells.Event event : events) {
            sent.add(senders.submit(() -> trigger(cluster, event, false)));
        }
        for (Future<?> f : sent) {
            f.get();
        }
        senders.shutdown();
    }

    /** Sends the event until a node accepts it; twice: to both nodes at once, and both must name the same campaign. */
    private Void trigger(Cluster cluster, LoadCells.Event event, boolean twice) throws Exception {
        if (twice) {
            List<Future<String>> both = new ArrayList<>();
            try (ExecutorService pair = Executors.newFixedThreadPool(2)) {
                for (AppNode node : cluster.nodes()) {
                    both.add(pair.submit(() -> acceptedBy(node, event)));
                }
            }
            String first = both.get(0).get();
            String second = both.get(1).get();
            if (first != null && second != null && !first.equals(second)) {
                conflictingDuplicates.incrementAndGet();
            }
            if (first != null || second != null) {
                accepted.put(event.eventId(), first != null ? first : second);
                return null;
            }
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = cluster.post("/api/triggers", "integration", event.json());
                if (response.statusCode() == 201 || response.statusCode() == 200) {
                    accepted.put(event.eventId(), read(response.body()).path("campaignId").asText());
                    return null;
                }
                if (response.statusCode() == 400) {
                    throw new AssertionError("event " + event.eventId() + " refused: " + response.body());
                }
            } catch (RuntimeException e) {
                // no node answered: the load balancer's client tries again
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no node accepted event " + event.eventId());
    }

    private String acceptedBy(AppNode node, LoadCells.Event event) {
        try {
            HttpResponse<String> response = node.post("/api/triggers", "integration", Cluster.PASSWORD, event.json());
            return response.statusCode() == 201 || response.statusCode() == 200
                    ? read(response.body()).path("campaignId").asText() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Marketing approves (rejects one in twenty-five, with a reason); legal approves. Through Camunda's own REST API. */
    private void reviewOnce(Cluster cluster) {
        String[][] reviewers = {{"mary", "MarketingReview", "marketingDecision", "marketingComment"},
                {"lena", "LegalReview", "legalDecision", "legalComment"}};
        for (String[] r : reviewers) {
            try {
                HttpResponse<String> tasks = cluster.get("/engine-rest/task?taskDefinitionKey=" + r[1] + "&maxResults=50", r[0]);
                if (tasks.statusCode() != 200) {
                    continue;
                }
                for (JsonNode task : read(tasks.body())) {
                    String id = task.path("id").asText();
                    boolean reject = ProcessNames.MARKETING_REVIEW_TASK.equals(r[1])
                            && Math.floorMod(task.path("processInstanceId").asText().hashCode(), 25) == 0;
                    cluster.post("/engine-rest/task/" + id + "/claim", r[0], "{\"userId\": \"" + r[0] + "\"}");
                    String variables = reject
                            ? "{\"%s\": {\"value\": \"reject\"}, \"%s\": {\"value\": \"The scripted reviewer rejects one in twenty-five\"}}"
                            .formatted(r[2], r[3])
                            : "{\"%s\": {\"value\": \"approve\"}}".formatted(r[2]);
                    HttpResponse<String> done = cluster.post("/engine-rest/task/" + id + "/complete", r[0],
                            "{\"variables\": " + variables + "}");
                    if (done.statusCode() == 204) {
                        reviews.incrementAndGet();
                    }
                }
            } catch (RuntimeException e) {
                // a node went away mid-review: the next round takes the task again
            }
        }
    }

    /** GET /api/campaigns/{id} of a random campaign, ten times a second, as a manager's screen would. */
    private void sampleApi(Cluster cluster, AtomicBoolean sampling) {
        Random random = new Random(plan.seed() + 4);
        while (sampling.get()) {
            List<String> ids = new ArrayList<>(accepted.values());
            if (!ids.isEmpty()) {
                String id = ids.get(random.nextInt(ids.size()));
                long started = System.nanoTime();
                try {
                    HttpResponse<String> response = cluster.get("/api/campaigns/" + id, "ada");
                    if (response.statusCode() == 200) {
                        long took = System.nanoTime() - started;
                        apiNanos.add(took);
                        if (restarting) {
                            apiNanosDuringRestart.add(took);
                        }
                    } else {
                        apiErrors.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    apiErrors.incrementAndGet();
                }
            }
            Cluster.sleep(100);
        }
    }

    /**
     * What two fresh nodes starting at once must have set up exactly once between them: the admin and the demo users
     * with their memberships and authorizations, the Tasklist filters, one deployment, our schema and the demo
     * retailer's data, the knowledge corpus, one rule set; and neither node may have logged an error on the way.
     */
    private List<String> seedingProblems(Cluster cluster) {
        List<String> problems = new ArrayList<>();
        expect(problems, "admin users", "select count(*) from act_id_user where id_ = 'admin'", 1);
        expect(problems, "demo users", "select count(*) from act_id_user where id_ in ('mary', 'lena', 'owen', 'ada')", 4);
        expect(problems, "Tasklist filters", "select count(*) from act_ru_filter", 2);
        expect(problems, "demo customers", "select count(*) from customer", 2400);
        expect(problems, "rule sets", "select count(*) from policy_rule_set", 1);
        expect(problems, "failed migrations", "select count(*) from campaignpilot_schema_history where not success", 0);
        for (String[] unique : new String[][]{{"act_id_membership", "user_id_, group_id_"},
                {"act_ru_authorization", "type_, group_id_, user_id_, resource_type_, resource_id_"},
                {"act_ru_filter", "name_"}, {"act_re_procdef", "key_, version_"}, {"act_re_procdef", "key_"},
                {"campaignpilot_schema_history", "version"}, {"knowledge_document", "doc_id"}}) {
            expect(problems, "rows of " + unique[0] + " repeating " + unique[1], "select count(*) from (select " + unique[1]
                    + " from " + unique[0] + " group by " + unique[1] + " having count(*) > 1) d", 0);
        }
        if (count("select count(*) from knowledge_document where state = 'CURRENT'") == 0) {
            problems.add("no knowledge imported");
        }
        for (AppNode node : cluster.nodes()) {
            String log = node.log().toFile().exists() ? node.tail(100_000) : "";
            if (log.contains(" ERROR ") || log.contains("duplicate key")) {
                problems.add(node.name() + " logged an error at start: " + node.log());
            }
        }
        return problems;
    }

    private void expect(List<String> problems, String what, String sql, long expected) {
        long found = count(sql);
        if (found != expected) {
            problems.add(what + ": " + found + ", expected " + expected);
        }
    }

    // ---- the database: what is settled, what is lost ----

    private long running(String eventPattern) {
        return count("select count(*) from campaign where status = 'RUNNING' and trigger_event_id like '" + eventPattern + "'");
    }

    private long openTasks() {
        return count("select count(*) from act_ru_task");
    }

    /** Campaigns still RUNNING with neither an open task nor an incident anywhere under their process instance. */
    private List<String> unsettled() {
        return strings("""
                select c.id || ' (' || c.trigger_event_id || ')' from campaign c where c.status = 'RUNNING'
                and not exists (select 1 from act_ru_task t join act_ru_execution e on e.id_ = t.proc_inst_id_
                                where e.root_proc_inst_id_ = c.process_instance_id)
                and not exists (select 1 from act_ru_incident i join act_ru_execution e on e.id_ = i.proc_inst_id_
                                where e.root_proc_inst_id_ = c.process_instance_id)
                order by c.created_at""");
    }

    private LoadResult result(Cluster cluster, SmtpSink sink, EmbeddedWebhooks webhooks, double lowPerSecond,
                              double noopPerSecond, long mainStarted, int warmUpCampaigns) {
        List<String> lost = new ArrayList<>(unsettled());
        for (Map.Entry<String, String> e : accepted.entrySet()) {
            if (count("select count(*) from campaign where id = '" + e.getValue() + "'") == 0) {
                lost.add(e.getValue() + " (" + e.getKey() + ": accepted, no campaign)");
            }
        }
        long campaigns = count("select count(*) from campaign");
        long duplicateRows = count("""
                select count(*) from (select campaign_id, channel, customer_id from delivery where status = 'SENT'
                                      group by campaign_id, channel, customer_id having count(*) > 1) d""");
        long duplicateSends = sink.duplicates() + duplicateRows;
        long duplicateCampaigns = count("""
                select count(*) from (select trigger_event_id from campaign group by trigger_event_id
                                      having count(*) > 1) d""") + conflictingDuplicates.get();
        List<String> incidentsWithoutCause = strings("""
                select id_ || ' at ' || coalesce(activity_id_, '?') from act_ru_incident
                where incident_msg_ is null or trim(incident_msg_) = ''""");
        double emailsPerSecond = emailsPerSecond(mainStarted);
        double p99 = percentile(apiNanos, 0.99) / 1e6;
        StringBuilder report = new StringBuilder();
        line(report, "LOAD RUN (%s: %d customers, %d + %d campaigns, 2 nodes, %d cores, node heap %s) in %.0f s",
                plan.name(), plan.customers(), plan.lowCampaigns(), plan.campaigns(),
                Runtime.getRuntime().availableProcessors(), plan.nodeHeap(), (System.currentTimeMillis() - runStarted) / 1000.0);
        line(report, "  timeline:");
        timeline.forEach(t -> line(report, "    %s", t));
        line(report, "  campaigns by outcome and tier: %s", rows("""
                select status || '/' || coalesce(tier, 'none') || '=' || count(*) from campaign
                group by status, tier order by status, tier"""));
        line(report, "  audiences by targeting: %s; customers arbitrated away to a campaign with a higher expected value: %s",
                rows("""
                        select coalesce(targeting, 'none') || '=' || count(*) from audience_split group by targeting
                        order by targeting"""),
                rows("select count(*) from audience_member where arbitrated_to is not null"));
        line(report, "  deliveries by channel and status: %s", rows("""
                select channel || '/' || status || '=' || count(*) from delivery group by channel, status
                order by channel, status"""));
        line(report, "  reviews completed by the scripted reviewer: %d; open tasks now: %d", reviews.get(), openTasks());
        line(report, "  incidents (visible in Cockpit), by cause: %s", rows("""
                select activity_id_ || ': ' || substr(incident_msg_, 1, 120) || ' x' || count(*) from act_ru_incident
                group by activity_id_, substr(incident_msg_, 1, 120) order by count(*) desc"""));
        line(report, "  model calls by outcome (metrics): ok=%.0f failed=%.0f timeout=%.0f; retries=%.0f fallbacks=%.0f",
                cluster.total("campaignpilot_model_calls_total", "outcome", "ok"),
                cluster.total("campaignpilot_model_calls_total", "outcome", "failed"),
                cluster.total("campaignpilot_model_calls_total", "outcome", "timeout"),
                cluster.total("campaignpilot_model_retries_total"), cluster.total("campaignpilot_model_fallbacks_total"));
        line(report, "  sending: SMTP sink %d messages, %d repeated Message-IDs; SENT rows twice: %d; webhooks %d "
                        + "messages, %d resends of an Idempotency-Key (the provider drops them)", sink.messages(),
                sink.duplicates(), duplicateRows, webhooks.received().size(), resentKeys(webhooks));
        line(report, "  emails per second (metrics %s, email/SENT over the load phase's sending): %.1f", EMAILS_SENT,
                emailsPerSecond);
        line(report, "  GET /api/campaigns/{id} during the load phase: %d samples, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, "
                        + "max %.1f ms, %d errors", apiNanos.size(), percentile(apiNanos, 0.5) / 1e6,
                percentile(apiNanos, 0.95) / 1e6, p99, percentile(apiNanos, 1.0) / 1e6, apiErrors.get());
        List<Long> otherwise = new ArrayList<>(apiNanos);
        synchronized (apiNanosDuringRestart) {
            apiNanosDuringRestart.forEach(otherwise::remove);
        }
        line(report, "  the same, apart: while the killed node was down or starting again (its start-up shares the cores) "
                        + "%d samples, p99 %.1f ms; the rest of the phase %d samples, p95 %.1f ms, p99 %.1f ms",
                apiNanosDuringRestart.size(), percentile(apiNanosDuringRestart, 0.99) / 1e6, otherwise.size(),
                percentile(otherwise, 0.95) / 1e6, percentile(otherwise, 0.99) / 1e6);
        line(report, "  the same, as the nodes measured it (http_server_requests_seconds, whole run): p99 at most %s",
                serverP99(cluster));
        line(report, "  5-channel generation rounds, one campaign a second, no faults (history): %s", generationRounds());
        line(report, "  where a LOW campaign's time went (throughput phase, engine history, mean ms per step): %s", profile());
        line(report, "  CPU seconds per LOW campaign in the throughput phase, by process: %s; the nodes' JIT compilers "
                + "worked %.0f %% of a core per node through it", throughputCpu.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue())).toList(), throughputJit * 100);
        line(report, "  PostgreSQL's work per LOW campaign in the throughput phase (its statistics views): %s", throughputDatabase);
        line(report, "  where the nodes' CPU went in the throughput phase (flight recorder): %s", throughputProfile.summary());
        line(report, "  start-up of two fresh nodes at once: %s", seedingProblems.isEmpty()
                ? "everything seeded exactly once, no error logged" : seedingProblems);
        line(report, "  figures: lowPerSecond %.2f vs noopPerSecond %.2f (our work costs %.1f x the engine's own); "
                + "heap max %.0f MB", lowPerSecond, noopPerSecond, noopPerSecond / Math.max(lowPerSecond, 0.001), cluster.heapMaxMb());
        line(report, "  targets (2 cores): lowPerSecond >= 10, API p99 <= 250 ms, 5-channel round <= 1.3 x one model call");
        if (!lost.isEmpty()) {
            line(report, "  LOST: %s", lost);
        }
        return new LoadResult(campaigns, warmUpCampaigns, seedingProblems, lost, duplicateSends, duplicateCampaigns,
                incidentsWithoutCause, lowPerSecond, noopPerSecond, emailsPerSecond, p99, cluster.heapMaxMb(), report.toString());
    }

    /** Emails sent in the load phase over the time from its first to its last sent email, both read from the metrics. */
    private double emailsPerSecond(long mainStarted) {
        List<long[]> series = emailSeries.stream().filter(p -> p[0] >= mainStarted).toList();
        if (series.size() < 2) {
            return 0;
        }
        long base = series.getFirst()[1];
        long last = series.getLast()[1];
        long firstMoved = -1;
        long reachedLast = -1;
        for (long[] p : series) {
            if (firstMoved < 0 && p[1] > base) {
                firstMoved = p[0];
            }
            if (reachedLast < 0 && p[1] >= last) {
                reachedLast = p[0];
            }
        }
        if (firstMoved < 0 || reachedLast <= firstMoved) {
            return 0;
        }
        return (last - base) / ((reachedLast - firstMoved) / 1000.0);
    }

    /** The smallest histogram bucket holding 99 % of the nodes' GET /api/campaigns/{id} requests. */
    private static String serverP99(Cluster cluster) {
        Map<Double, Double> buckets = new java.util.TreeMap<>();
        for (Scrape scrape : cluster.scrapes()) {
            for (Scrape.Sample sample : scrape.samples()) {
                if (sample.name().equals("http_server_requests_seconds_bucket")
                        && "/api/campaigns/{id}".equals(sample.labels().get("uri"))
                        && "GET".equals(sample.labels().get("method")) && "200".equals(sample.labels().get("status"))) {
                    String le = sample.labels().get("le");
                    double bound = "+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                    buckets.merge(bound, sample.value(), Double::sum);
                }
            }
        }
        double total = buckets.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            if (total > 0 && bucket.getValue() >= 0.99 * total) {
                return String.format(Locale.ROOT, "%.0f ms (of %.0f requests)", bucket.getKey() * 1000, total);
            }
        }
        return "not measured";
    }

    /**
     * Five-channel rounds against one model call: in one locale a round is one call per channel, side by side; where
     * the brand writes two (the demo's west: English and Welsh) each channel's two calls follow each other, so those
     * rounds are told apart.
     */
    private String generationRounds() {
        String rounds = """
                select a.duration_ from act_hi_actinst a join campaign c on c.process_instance_id = a.root_proc_inst_id_
                where a.act_id_ = 'GenerateChannelCopy#multiInstanceBody' and a.duration_ is not null
                and c.trigger_event_id like 'load-%-round-%' and c.region """;
        return "one locale: " + roundFigures(longs(rounds + "<> 'west'")) + "; two locales (west, each channel's calls "
                + "in turn): " + roundFigures(longs(rounds + "= 'west'"));
    }

    private static String roundFigures(List<Long> durations) {
        if (durations.isEmpty()) {
            return "none";
        }
        Collections.sort(durations);
        double latency = ROUND_LATENCY.toMillis();
        double median = durations.get((durations.size() - 1) / 2);
        return String.format(Locale.ROOT, "%d rounds, median %.0f ms = %.2f x one model call (%d ms), max %.0f ms = %.2f x",
                durations.size(), median, median / latency, ROUND_LATENCY.toMillis(), (double) durations.getLast(),
                durations.getLast() / latency);
    }

    private String profile() {
        return rows("""
                select a.act_id_ || '=' || round(avg(a.duration_)) from act_hi_actinst a
                join campaign c on c.process_instance_id = a.root_proc_inst_id_
                where c.trigger_event_id like 'load-%-low-%' and a.duration_ is not null and a.act_type_ <> 'startEvent'
                group by a.act_id_ order by avg(a.duration_) desc limit 8""")
                + String.format(Locale.ROOT, "; trigger to published, mean %.0f ms", (double) count("""
                select coalesce(round(avg(extract(epoch from ended_at - created_at) * 1000)), 0) from campaign
                where trigger_event_id like 'load-%-low-%' and status = 'PUBLISHED'"""));
    }

    private static long resentKeys(EmbeddedWebhooks webhooks) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        webhooks.received().stream().filter(r -> r.status() < 300)
                .forEach(r -> seen.merge(r.path() + r.idempotencyKey(), 1, Integer::sum));
        return seen.values().stream().filter(n -> n > 1).count();
    }

    // ---- small helpers ----

    private void mark(String what) {
        timeline.add(String.format(Locale.ROOT, "%7.1f s  %s", (System.currentTimeMillis() - runStarted) / 1000.0, what));
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long count(String sql) {
        List<String> values = strings(sql);
        return values.isEmpty() || values.getFirst() == null ? 0 : new java.math.BigDecimal(values.getFirst()).longValue();
    }

    /** The first column of every row; one connection of the run's own, opened again if PostgreSQL dropped it. */
    private synchronized List<String> strings(String sql) {
        try {
            if (db == null || !db.isValid(2)) {
                db = TestPostgres.connect(database);
            }
            List<String> values = new ArrayList<>();
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private List<Long> longs(String sql) {
        return new ArrayList<>(strings(sql).stream().map(Long::parseLong).toList());
    }

    private String rows(String sql) {
        List<String> values = strings(sql);
        return values.isEmpty() ? "none" : String.join(", ", values);
    }

    private static double percentile(List<Long> values, double p) {
        List<Long> sorted;
        synchronized (values) {
            sorted = new ArrayList<>(values);
        }
        if (sorted.isEmpty()) {
            return 0;
        }
        Collections.sort(sorted);
        // nearest rank
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size(), rank) - 1));
    }

    private static void line(StringBuilder report, String format, Object... values) {
        report.append(String.format(Locale.ROOT, format, values)).append(System.lineSeparator());
    }

    private void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // a node between lives: ask again
            }
            Cluster.sleep(1000);
        }
        mark("gave up waiting for " + what + " after " + timeout);
    }

    static Path logs(String name) throws IOException {
        return Files.createDirectories(Path.of("target", "load", name + "-" + Instant.now().getEpochSecond()));
    }
}
