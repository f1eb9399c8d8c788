package io.campaignpilot.it;

import io.campaignpilot.dev.EmbeddedElasticsearch;
import io.campaignpilot.dev.EmbeddedSmtp;
import io.campaignpilot.dev.PackagedJar;
import io.campaignpilot.dev.TestPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The packaged application taking orders from the machine's RabbitMQ is killed ({@code kill -9}) while a stream of
 * orders is being consumed, more orders and repeats arrive while it is down, and it is started again on the same
 * PostgreSQL database: every order is recorded exactly once, none is failed or dead-lettered.
 */
class BrokerRestartIT {
    private static final String DATABASE = "campaignpilot_broker_restart_it";
    private static final int ORDERS = 500;
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void ordersInFlightWhenTheApplicationIsKilledAreEachRecordedOnceAfterItRestarts() throws Exception {
        TestPostgres.reset(DATABASE);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "cp-restart-it-" + run + ".";
        int port = PackagedJar.freePort();
        CachingConnectionFactory broker = new CachingConnectionFactory("127.0.0.1", 5672);
        broker.setUsername("guest");
        broker.setPassword("guest");
        RabbitTemplate template = new RabbitTemplate(broker);
        try {
            Process first = start(port, prefix, "first");
            awaitHealthy(first, port);
            for (int i = 0; i < 200; i++) {
                send(template, prefix, run, i);
            }
            // killed while it consumes: some orders kept but not applied, some delivered but not acknowledged
            awaitAtLeast(run, 20);
            first.destroyForcibly().waitFor();
            for (int i = 200; i < ORDERS; i++) {
                send(template, prefix, run, i);
            }
            for (int i = 0; i < 50; i++) {
                send(template, prefix, run, i);   // the sender's retries, under the same message ids
            }

            Process second = start(port, prefix, "second");
            try {
                awaitHealthy(second, port);
                long deadline = System.nanoTime() + PATIENCE.toNanos();
                while (count("select count(*) from intake_inbox where message_id like '" + run + "-%' and status = 'APPLIED'")
                        < ORDERS && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                }
                assertThat(count("select count(*) from order_event where event_id like 'restart-" + run + "-%'"))
                        .as("every order recorded, once").isEqualTo(ORDERS);
                assertThat(count("select count(*) from intake_inbox where message_id like '" + run + "-%'")).isEqualTo(ORDERS);
                assertThat(count("select count(*) from intake_inbox where message_id like '" + run + "-%' and status <> 'APPLIED'"))
                        .isZero();
                assertThat(count("select count(*) from intake_dead_letter")).isZero();
            } finally {
                second.destroy();
                second.waitFor();
            }
        } finally {
            broker.destroy();
        }
    }

    private Process start(int port, String prefix, String name) throws IOException {
        Path log = Files.createDirectories(Path.of("target", "packaged-app")).resolve("broker-restart-" + name + ".log");
        List<String> command = new ArrayList<>(List.of(PackagedJar.java(), "-Xmx640m", "-jar", PackagedJar.path().toString(),
                "--server.address=127.0.0.1", "--server.port=" + port,
                "--spring.profiles.active=demo",
                "--campaignpilot.demo.fire-triggers=false",
                "--spring.datasource.url=" + TestPostgres.url(DATABASE),
                "--spring.datasource.username=" + TestPostgres.USER,
                "--spring.datasource.password=" + TestPostgres.PASSWORD,
                "--campaignpilot.intake.enabled=true",
                "--campaignpilot.intake.queue-prefix=" + prefix,
                // the machine's broker is shared: it drops this run's queues once nobody has used them for ten minutes
                "--campaignpilot.intake.queue-expiry=10m",
                "--spring.rabbitmq.host=127.0.0.1",
                "--campaignpilot.knowledge.url=" + EmbeddedElasticsearch.shared().url(),
                "--campaignpilot.knowledge.timeout=60s",
                "--spring.mail.port=" + EmbeddedSmtp.shared().port()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(n -> n.startsWith("CAMPAIGNPILOT_") || n.startsWith("SPRING_")
                || n.startsWith("CAMUNDA_") || n.startsWith("OPENAI_"));
        return builder.start();
    }

    private void awaitHealthy(Process process, int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("the application exited with " + process.exitValue() + "; see target/packaged-app/broker-restart-*.log");
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/actuator/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        fail("not healthy within 3 minutes; see target/packaged-app/broker-restart-*.log");
    }

    private void awaitAtLeast(String run, int applied) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (count("select count(*) from order_event where event_id like 'restart-" + run + "-%'") < applied) {
            if (System.nanoTime() > deadline) {
                fail("no orders applied within " + PATIENCE);
            }
            Thread.sleep(50);
        }
    }

    private static void send(RabbitTemplate template, String prefix, String run, int i) {
        String body = """
                {"eventId": "restart-%s-%d", "customerId": %d, "sku": "HP-OUT-004", "quantity": 1, "revenue": 24.99,
                 "occurredAt": "2026-11-20T09:00:00Z"}""".formatted(run, i, 1 + i % 50);
        template.send(prefix + "intake", "orders", MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
                .setMessageId(run + "-" + i).setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT).build());
    }

    private static long count(String query) throws SQLException {
        try (Connection db = TestPostgres.connect(DATABASE); Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
