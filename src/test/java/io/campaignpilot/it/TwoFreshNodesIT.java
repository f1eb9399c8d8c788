package io.campaignpilot.it;

import io.campaignpilot.dev.EmbeddedElasticsearch;
import io.campaignpilot.dev.EmbeddedSmtp;
import io.campaignpilot.dev.TestDatabases;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Two nodes of the packaged jar started at the same moment against one fresh PostgreSQL database, as a cluster's
 * first deployment does: both come up healthy, and Camunda's schema, its admin user, our groups, authorizations and
 * Tasklist filters, the demo retailer's data and knowledge, and the rule set exist exactly once. The nodes take
 * turns through the start-up lock (io.campaignpilot.cluster.StartupLock). Runs in {@code ./mvnw verify} (failsafe);
 * needs the machine's PostgreSQL, like PostgresEndToEndTest. The database is campaignpilot_two_nodes (prefix:
 * {@link TestDatabases#postgresName}), emptied first.
 */
class TwoFreshNodesIT {
    private static final Duration START = Duration.ofSeconds(150);
    private static final String DATABASE = TestDatabases.postgresName("two_nodes");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void twoFreshNodesStartingAtOnceBothComeUpAndSeedEverythingOnce() throws Exception {
        PostgresEndToEndTest.resetDatabase(DATABASE);
        String alias = "knowledge-two-nodes-" + UUID.randomUUID();
        Map<String, String> environment = Map.of("CAMPAIGNPILOT_ADMIN_PASSWORD", "it-" + UUID.randomUUID(),
                // the same secret on every node: an unsubscribe link signed by one is honoured by the other
                "CAMPAIGNPILOT_PUBLISHING_UNSUBSCRIBE_SECRET", "it-" + UUID.randomUUID() + UUID.randomUUID());
        List<Node> nodes = List.of(start("node-a", alias, environment), start("node-b", alias, environment));
        try {
            for (Node node : nodes) {
                node.awaitHealthy();
            }
        } finally {
            for (Node node : nodes) {
                node.stop();
            }
        }
        for (Node node : nodes) {
            assertThat(node.output()).as(node.name).doesNotContain("ERROR", "duplicate key");
        }

        try (Connection db = DriverManager.getConnection(jdbcUrl(), PostgresEndToEndTest.USER, PostgresEndToEndTest.PASSWORD);
             Statement sql = db.createStatement()) {
            // identity: the admin from camunda.bpm.admin-user once, the demo users once, each membership once
            assertThat(count(sql, "select count(*) from act_id_user where id_ = 'admin'")).isEqualTo(1);
            assertThat(count(sql, "select count(*) from act_id_user where id_ in ('mary', 'lena', 'owen', 'ada')")).isEqualTo(4);
            assertThat(count(sql, "select count(*) from act_id_group where id_ in ('marketing-managers', 'auditors')")).isEqualTo(2);
            assertThat(duplicates(sql, "act_id_membership", "user_id_, group_id_")).isZero();
            assertThat(duplicates(sql, "act_ru_authorization", "type_, group_id_, user_id_, resource_type_, resource_id_"))
                    .isZero();
            // one set of Tasklist filters
            assertThat(count(sql, "select count(*) from act_ru_filter")).isEqualTo(2);
            assertThat(duplicates(sql, "act_ru_filter", "name_")).isZero();
            // one deployment of the models, one version of each process
            assertThat(duplicates(sql, "act_re_procdef", "key_")).isZero();
            // our schema migrated once, the demo retailer's data once
            assertThat(count(sql, "select count(*) from campaignpilot_schema_history where not success")).isZero();
            assertThat(duplicates(sql, "campaignpilot_schema_history", "version")).isZero();
            assertThat(count(sql, "select count(*) from customer")).isEqualTo(2400);
            assertThat(count(sql, "select count(*) from knowledge_document where state = 'CURRENT'")).isPositive();
            // each document of the corpus and each product fact imported once: one version each
            assertThat(duplicates(sql, "knowledge_document", "doc_id")).isZero();
            // one rule set, published by whichever node was first and run by both
            assertThat(count(sql, "select count(*) from policy_rule_set")).isEqualTo(1);
        }
    }

    private Node start(String name, String alias, Map<String, String> environment) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "two-nodes", name));
        Path log = dir.resolve("output.log");
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m", "-jar", jar().toString(),
                "--spring.profiles.active=demo",
                "--server.address=127.0.0.1", "--server.port=" + port,
                "--spring.datasource.url=" + jdbcUrl(),
                "--spring.datasource.username=" + PostgresEndToEndTest.USER,
                "--spring.datasource.password=" + PostgresEndToEndTest.PASSWORD,
                "--campaignpilot.knowledge.url=" + EmbeddedElasticsearch.shared().url(),
                "--campaignpilot.knowledge.alias=" + alias,
                "--campaignpilot.knowledge.timeout=60s",
                "--campaignpilot.publishing.audience-export.directory=" + dir.toAbsolutePath().resolve("exports"),
                "--spring.mail.port=" + EmbeddedSmtp.shared().port()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(n -> n.startsWith("CAMPAIGNPILOT_") || n.startsWith("SPRING_")
                || n.startsWith("CAMUNDA_") || n.startsWith("OPENAI_"));
        builder.environment().putAll(environment);
        return new Node(name, builder.start(), port, log);
    }

    private static String jdbcUrl() {
        return "jdbc:postgresql://" + PostgresEndToEndTest.HOST + "/" + DATABASE;
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Rows of a table that share the given columns with another row. */
    private static long duplicates(Statement sql, String table, String columns) throws SQLException {
        return count(sql, "select count(*) from (select " + columns + " from " + table + " group by " + columns
                + " having count(*) > 1) d");
    }

    private static Path jar() throws IOException {
        String configured = System.getProperty("campaignpilot.jar");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "campaignpilot-*.jar")) {
            for (Path jar : jars) {
                if (!jar.toString().endsWith("-plain.jar")) {
                    return jar.toAbsolutePath();
                }
            }
        }
        throw new IllegalStateException("no target/campaignpilot-*.jar: run ./mvnw package (or ./mvnw verify)");
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElseThrow();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private final class Node {
        final String name;
        final Process process;
        final int port;
        final Path log;

        Node(String name, Process process, int port, Path log) {
            this.name = name;
            this.process = process;
            this.port = port;
            this.log = log;
        }

        void awaitHealthy() throws Exception {
            long deadline = System.nanoTime() + START.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    fail(name + " exited with " + process.exitValue() + ":\n" + tail());
                }
                try {
                    HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
                    if (health.statusCode() == 200) {
                        return;
                    }
                } catch (ConnectException e) {
                    // not listening yet
                }
                Thread.sleep(500);
            }
            fail(name + " not healthy within " + START + ":\n" + tail());
        }

        void stop() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
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
