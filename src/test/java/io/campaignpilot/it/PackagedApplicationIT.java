package io.campaignpilot.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpilot.dev.EmbeddedElasticsearch;
import io.campaignpilot.dev.EmbeddedSmtp;
import io.campaignpilot.dev.PackagedJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The jar as it ships ({@code java -jar target/campaignpilot-<version>.jar}), started as its own process the way an
 * operator starts it: no demo users, data or corpus, and no start at all without the admin password. Runs in
 * {@code ./mvnw verify} after package (failsafe); needs no Docker. The database is an H2 file in a temporary folder
 * so that what the process wrote can be read after it has stopped.
 */
class PackagedApplicationIT {
    private static final Duration START = Duration.ofSeconds(180);
    private static final Duration STOP = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void withoutAnAdminPasswordItRefusesToStartAndNamesTheSetting(TestInfo test) throws Exception {
        App app = start(test, Map.of());
        try {
            assertThat(app.process.waitFor(START.toSeconds(), TimeUnit.SECONDS)).as("exited within " + START).isTrue();
            String output = app.output();
            assertThat(app.process.exitValue()).as(output).isNotZero();
            assertThat(output).contains("APPLICATION FAILED TO START", "campaignpilot.admin.password", "CAMPAIGNPILOT_ADMIN_PASSWORD");
        } finally {
            app.stop();
        }
        // it stopped before writing anything: no Camunda table, no table of ours
        assertThat(tables(app.database)).isEmpty();
    }

    @Test
    void withoutAnUnsubscribeSecretItRefusesToStartAndNamesTheSetting(TestInfo test) throws Exception {
        App app = start(test, Map.of("CAMPAIGNPILOT_ADMIN_PASSWORD", "it-" + UUID.randomUUID()));
        try {
            assertThat(app.process.waitFor(START.toSeconds(), TimeUnit.SECONDS)).as("exited within " + START).isTrue();
            String output = app.output();
            assertThat(app.process.exitValue()).as(output).isNotZero();
            assertThat(output).contains("APPLICATION FAILED TO START", "campaignpilot.publishing.unsubscribe.secret",
                    "CAMPAIGNPILOT_PUBLISHING_UNSUBSCRIBE_SECRET");
        } finally {
            app.stop();
        }
    }

    @Test
    void withAnAdminPasswordItStartsWithTheAdminAndNothingFromTheDemo(TestInfo test) throws Exception {
        String password = "it-" + UUID.randomUUID();
        App app = start(test, Map.of("CAMPAIGNPILOT_ADMIN_PASSWORD", password,
                "CAMPAIGNPILOT_PUBLISHING_UNSUBSCRIBE_SECRET", "it-" + UUID.randomUUID() + UUID.randomUUID()));
        try {
            app.awaitHealthy();
            String admin = basic("admin", password);

            HttpResponse<String> users = app.get("/engine-rest/user", admin);
            assertThat(users.statusCode()).as(users.body()).isEqualTo(200);
            assertThat(json.readTree(users.body()).findValuesAsText("id")).containsExactly("admin");
            assertThat(app.get("/api/campaigns", basic("mary", "demo")).statusCode()).isEqualTo(401);

            assertThat(json.readTree(app.get("/api/campaigns", admin).body())).isEmpty();
            // no demo corpus, and no catalog to derive product facts from
            assertThat(json.readTree(app.get("/api/knowledge/documents", admin).body())).isEmpty();
            assertThat(json.readTree(app.get("/api/integration-tokens", admin).body())).isEmpty();
            HttpResponse<String> demoProduct = app.post("/api/triggers", admin, """
                    {"eventId": "it-1", "type": "SEASONAL_LAUNCH", "occurredAt": "2026-11-20T09:00:00Z",
                     "skus": ["HP-APP-001"], "region": "north"}""");
            assertThat(demoProduct.statusCode()).isEqualTo(400);
            assertThat(demoProduct.body()).contains("unknown SKU HP-APP-001");
            assertThat(app.get("/actuator/health", null).body()).contains("\"UP\"");
            // the results view ships in the jar: Cockpit's configuration loads the Campaigns plugin, and the Chart.js the
            // plugin names is served by the application itself
            assertThat(app.get("/camunda/app/cockpit/scripts/config.js", null).body()).contains("scripts/campaigns");
            String plugin = app.get("/camunda/app/cockpit/scripts/campaigns.js", null).body();
            Matcher chartJs = Pattern.compile("/webjars/chart\\.js/[^/`'\"]+/dist/chart\\.umd\\.js").matcher(plugin);
            assertThat(chartJs.find()).as("the plugin names Chart.js under /webjars").isTrue();
            HttpResponse<String> charts = app.get(chartJs.group(), null);
            assertThat(charts.statusCode()).as(chartJs.group()).isEqualTo(200);
            assertThat(charts.body()).contains("Chart.js v4");
            assertThat(app.get("/camunda/app/tasklist/scripts/config.js", null).body()).contains("scripts/results-link", "claimTask");
            // last: a wrong password makes Camunda hold the account back for a few seconds
            assertThat(app.get("/engine-rest/user", basic("admin", "demo")).statusCode()).isEqualTo(401);
        } finally {
            app.stop();
        }
        String output = app.output();
        assertThat(output).doesNotContain("generated security password", "demo users ready", "knowledge import from");
        try (Connection db = DriverManager.getConnection(app.jdbcUrl(), "sa", "");
             Statement sql = db.createStatement()) {
            for (String table : List.of("customer", "product", "product_stock", "knowledge_document", "api_token")) {
                assertThat(count(sql, "select count(*) from " + table)).as(table).isZero();
            }
            assertThat(count(sql, "select count(*) from act_id_user")).isEqualTo(1);
        }
    }

    private App start(TestInfo test, Map<String, String> environment) throws IOException {
        Path log = Files.createDirectories(Path.of("target", "packaged-app"))
                .resolve(test.getTestMethod().orElseThrow().getName() + ".log");
        int port = PackagedJar.freePort();
        Path database = dir.resolve("campaignpilot");
        List<String> command = new ArrayList<>(List.of(PackagedJar.java(), "-Xmx768m", "-jar", PackagedJar.path().toString(),
                "--server.address=127.0.0.1", "--server.port=" + port,
                "--spring.datasource.url=jdbc:h2:file:" + database,
                "--campaignpilot.knowledge.url=" + EmbeddedElasticsearch.shared().url(),
                // a fresh in-JVM node on a busy build machine can take longer than production's 5 s to create an index
                "--campaignpilot.knowledge.timeout=60s",
                "--spring.mail.port=" + EmbeddedSmtp.shared().port()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // the operator's environment only: nothing of this machine's configuration leaks in
        builder.environment().keySet().removeIf(name -> name.startsWith("CAMPAIGNPILOT_") || name.startsWith("SPRING_")
                || name.startsWith("CAMUNDA_") || name.startsWith("OPENAI_"));
        builder.environment().putAll(environment);
        return new App(builder.start(), port, database, log);
    }

    private static List<String> tables(Path database) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + database, "sa", "");
             ResultSet rs = db.createStatement().executeQuery(
                     "select table_name from information_schema.tables where table_schema = 'PUBLIC'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private final class App {
        final Process process;
        final int port;
        final Path database;
        final Path log;

        App(Process process, int port, Path database, Path log) {
            this.process = process;
            this.port = port;
            this.database = database;
            this.log = log;
        }

        String jdbcUrl() {
            return "jdbc:h2:file:" + database;
        }

        void awaitHealthy() throws Exception {
            long deadline = System.nanoTime() + START.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    fail("the application exited with " + process.exitValue() + ":\n" + tail());
                }
                try {
                    if (get("/actuator/health", null).statusCode() == 200) {
                        return;
                    }
                } catch (IllegalStateException e) {
                    if (!(e.getCause() instanceof ConnectException)) {
                        throw e;
                    }
                }
                Thread.sleep(500);
            }
            fail("not healthy within " + START + ":\n" + tail());
        }

        HttpResponse<String> get(String path, String authorization) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            return send(request.build());
        }

        HttpResponse<String> post(String path, String authorization, String body) {
            return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", authorization).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }

        private HttpResponse<String> send(HttpRequest request) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Stops the process: politely (so H2 closes its file), then by force. */
        void stop() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(STOP.toSeconds(), TimeUnit.SECONDS);
                }
            }
        }

        String output() throws IOException {
            return Files.readString(log);
        }

        private String tail() throws IOException {
            String output = output();
            return output.substring(Math.max(0, output.length() - 6000));
        }
    }
}
