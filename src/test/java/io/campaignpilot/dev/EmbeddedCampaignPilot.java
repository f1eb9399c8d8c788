package io.campaignpilot.dev;

import io.campaignpilot.CampaignPilotApplication;
import org.springframework.boot.SpringApplication;

import java.nio.file.Path;
import java.util.Map;

/**
 * CampaignPilot on embedded defaults, started by {@code ./mvnw spring-boot:test-run}: H2 file database,
 * an in-JVM Elasticsearch node on 127.0.0.1:9200, an SMTP server on 127.0.0.1:3025, an SMS and push provider
 * webhook on 127.0.0.1:3026 that checks signatures, local embeddings,
 * the grounded generator, and the {@code demo} profile (demo users, data and triggers) unless profiles are given.
 * Lives on the test classpath so the Elasticsearch server jars never ship in the production artifact.
 */
public final class EmbeddedCampaignPilot {
    private EmbeddedCampaignPilot() {
    }

    public static void main(String[] args) {
        if (System.getenv("CAMPAIGNPILOT_KNOWLEDGE_URL") == null) {
            int port = Integer.parseInt(System.getProperty("campaignpilot.dev.elasticsearch-port", "9200"));
            EmbeddedElasticsearch es = EmbeddedElasticsearch.start(Path.of("data", "elasticsearch").toAbsolutePath(), port);
            System.setProperty("campaignpilot.knowledge.url", es.url());
        }
        if (System.getenv("SPRING_MAIL_HOST") == null) {
            EmbeddedSmtp smtp = EmbeddedSmtp.start(Integer.parseInt(System.getProperty("campaignpilot.dev.smtp-port", "3025")));
            System.setProperty("spring.mail.port", String.valueOf(smtp.port()));
        }
        if (System.getenv("CAMPAIGNPILOT_PUBLISHING_WEBHOOK_SMS_URL") == null
                && System.getenv("CAMPAIGNPILOT_PUBLISHING_WEBHOOK_PUSH_URL") == null) {
            // the providers' side of SMS and push: checks each message's signature with a secret made up for this run
            EmbeddedWebhooks webhooks = EmbeddedWebhooks.start(
                    Integer.parseInt(System.getProperty("campaignpilot.dev.webhook-port", "3026")));
            for (String channel : new String[]{"sms", "push"}) {
                System.setProperty("campaignpilot.publishing.webhook." + channel + ".url", webhooks.url(channel));
                System.setProperty("campaignpilot.publishing.webhook." + channel + ".secret", webhooks.secret());
            }
        }
        System.setProperty("campaignpilot.demo.fire-triggers", System.getProperty("campaignpilot.demo.fire-triggers", "true"));
        // a result to look at while trying it: windows of ten minutes, and customers who buy with a known effect
        System.setProperty("campaignpilot.demo.shoppers", System.getProperty("campaignpilot.demo.shoppers", "true"));
        System.setProperty("campaignpilot.measurement.window", System.getProperty("campaignpilot.measurement.window", "PT10M"));
        // enough customers that each region's holdout reaches the 100 a verdict needs, so a learning is drafted too
        System.setProperty("campaignpilot.demo.customer-count", System.getProperty("campaignpilot.demo.customer-count", "12000"));
        // a year of synthetic orders and sessions, and a propensity model per category: audiences ranked by expected value
        System.setProperty("campaignpilot.demo.order-history", System.getProperty("campaignpilot.demo.order-history", "true"));
        // a low floor, so whole-region demo campaigns keep a holdout big enough for a verdict
        System.setProperty("campaignpilot.targeting.expected-value-floor",
                System.getProperty("campaignpilot.targeting.expected-value-floor", "0.10"));
        SpringApplication application = new SpringApplication(CampaignPilotApplication.class);
        // a default profile is active only while no profile is given (--spring.profiles.active, SPRING_PROFILES_ACTIVE)
        application.setDefaultProperties(Map.of("spring.profiles.default", "demo"));
        application.run(args);
    }
}
