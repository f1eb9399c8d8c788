package io.campaignpilot.it;

import io.campaignpilot.dev.CuttableLink;
import io.campaignpilot.dev.EmbeddedElasticsearch;
import io.campaignpilot.dev.EmbeddedSmtp;
import io.campaignpilot.dev.EmbeddedWebhooks;
import io.campaignpilot.dev.TimeZones;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Shared embedded Elasticsearch, SMTP and SMS/push provider webhooks for all Spring Boot tests in this JVM, and a
 * polling helper. The application reaches Elasticsearch through a link a test can cut ({@link #elasticsearch()}).
 */
final class CampaignPilotTestSupport {
    private static CuttableLink elasticsearch;

    private CampaignPilotTestSupport() {
    }

    static void embeddedServices(DynamicPropertyRegistry registry) {
        EmbeddedSmtp smtp = EmbeddedSmtp.shared();
        registry.add("campaignpilot.knowledge.url", () -> "http://127.0.0.1:" + elasticsearch().port());
        registry.add("spring.mail.port", smtp::port);
        EmbeddedWebhooks webhooks = EmbeddedWebhooks.shared();
        for (String channel : new String[]{"sms", "push"}) {
            registry.add("campaignpilot.publishing.webhook." + channel + ".url", () -> webhooks.url(channel));
            registry.add("campaignpilot.publishing.webhook." + channel + ".secret", webhooks::secret);
        }
        registry.add("campaignpilot.publishing.audience-export.directory",
                () -> Path.of("target", "audience-exports").toAbsolutePath().toString());
        registry.add("campaignpilot.demo.fire-triggers", () -> "false");
        // every test class with settings of its own keeps its context (and pool) alive: idle connections only as needed
        registry.add("spring.datasource.hikari.minimum-idle", () -> "2");
        // no pass on a timer: a test runs one when it says so, over its own category
        registry.add("campaignpilot.detection.enabled", () -> "false");
        // broker intake on the machine's RabbitMQ, on queues of this context's own (cached contexts of other test
        // classes stay alive and must not consume its messages) that the broker drops once unused
        String intakePrefix = "cp-test-" + java.util.UUID.randomUUID().toString().substring(0, 8) + ".";
        registry.add("campaignpilot.intake.enabled", () -> "true");
        registry.add("campaignpilot.intake.queue-prefix", () -> intakePrefix);
        registry.add("campaignpilot.intake.queue-expiry", () -> "PT10M");
        registry.add("campaignpilot.intake.retry-backoff", () -> "200ms");
        registry.add("campaignpilot.intake.poll-interval", () -> "200ms");
        registry.add("spring.rabbitmq.host", () -> "127.0.0.1");
        registry.add("spring.rabbitmq.port", () -> "5672");
        // a relay or search that was down is tried again after a second here, not half a minute
        registry.add("campaignpilot.publishing.retry-backoff", () -> "PT1S");
        // the test retailer's customers live where it is around noon now, so no test's SMS waits for quiet hours to
        // end, whenever the suite runs; the quiet-hours test moves its customers into the night on purpose
        registry.add("campaignpilot.publishing.default-time-zone", () -> zoneWhereItIs(12));
        registry.add("campaignpilot.workers.grounding.retry-backoff", () -> "PT1S");
        registry.add("campaignpilot.workers.generation.retry-backoff", () -> "PT1S");
        // knowledge that search missed is retried when a test says so (KnowledgeIndexing.retryWaiting), not by the clock
        registry.add("campaignpilot.knowledge.index-retry", () -> "PT1H");
        // a shared, busy machine can keep the embedded node from answering within production's 5 s; a cut link
        // (SearchOutageTest) fails at once whatever this says
        registry.add("campaignpilot.knowledge.timeout", () -> "30s");
    }

    /** A fixed-offset zone in which the local time is now {@code hour}:xx. */
    static String zoneWhereItIs(int hour) {
        return TimeZones.whereItIs(hour);
    }

    /** The application's link to the shared Elasticsearch node; cut it to take search away. */
    static synchronized CuttableLink elasticsearch() {
        if (elasticsearch == null) {
            URI node = URI.create(EmbeddedElasticsearch.shared().url());
            elasticsearch = new CuttableLink(node.getHost(), node.getPort());
        }
        return elasticsearch;
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
    }

    /** The first value of a header of a received email, or null. */
    static String header(jakarta.mail.internet.MimeMessage message, String name) {
        try {
            String[] values = message.getHeader(name);
            return values == null ? null : values[0];
        } catch (jakarta.mail.MessagingException e) {
            return null;
        }
    }
}
