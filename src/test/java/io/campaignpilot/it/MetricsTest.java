package io.campaignpilot.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignpilot.generation.StubChatServer;
import io.campaignpilot.generation.StubCopywriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator sees at /actuator/prometheus while one campaign runs from its trigger to published, with a model
 * (a local stub of the OpenAI protocol) that fails once: the campaign counted in and out with its outcome and tier,
 * model calls, tokens, latency, the retry and the fallback, retrieval, rules with their version, the review queue
 * while the task waits, dispatch per channel, the engine's backlog, the connection pool and the JVM. Only the scrape
 * user and admins read it; no other door (Camunda's REST API and webapps) leads there.
 */
// Spring Boot's tests export no metrics unless asked: here they are the subject
@AutoConfigureObservability(tracing = false)
class MetricsTest extends ApiTestBase {
    private static final String SCRAPER = "prometheus";
    private static final StubChatServer model = start();

    @DynamicPropertySource
    static void openAi(DynamicPropertyRegistry registry) {
        registry.add("campaignpilot.generation.provider", () -> "openai");
        registry.add("campaignpilot.generation.openai.base-url", model::baseUrl);
        registry.add("campaignpilot.generation.openai.model", () -> "stub-model");
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:campaignpilot-metrics;DB_CLOSE_DELAY=-1");
    }

    @AfterAll
    static void stop() {
        model.close();
    }

    @Test
    void anOperatorSeesACampaignGoThroughAndTheQueuesItWaitedIn() throws Exception {
        // one call is answered 500 (retried), one 400 (failed for good: the grounded generator writes that variant)
        model.script.add(StubChatServer.Scripted.status(500));
        model.script.add(StubChatServer.Scripted.status(400));
        HttpResponse<String> created = post("/api/triggers", "integration", """
                {"eventId": "it-metrics-%s", "type": "OVERSTOCK", "occurredAt": "2026-11-20T09:00:00Z",
                 "skus": ["HP-OUT-004"], "region": "south", "discountPercent": 20, "channels": ["email", "sms"]}"""
                .formatted(UUID.randomUUID()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String campaignId = json.readTree(created.body()).path("campaignId").asText();

        // while the review waits, the queue shows it (the gauges read the engine at most every few seconds)
        JsonNode task = awaitTask("mary", campaignId);
        CampaignPilotTestSupport.await("the marketing review queue to show the task", Duration.ofSeconds(30),
                () -> sample(scrape(), "campaignpilot_review_queue_size", "task=\"MarketingReview\"").orElse(0) >= 1);
        String waiting = scrape();
        assertThat(sample(waiting, "campaignpilot_review_queue_oldest_age_seconds", "task=\"MarketingReview\"")).isPresent();
        assertThat(sample(waiting, "campaignpilot_review_queue_size", "task=\"LegalReview\"")).isPresent();

        String taskId = task.path("id").asText();
        assertThat(post("/engine-rest/task/" + taskId + "/claim", "mary", "{\"userId\": \"mary\"}").statusCode()).isEqualTo(204);
        assertThat(post("/engine-rest/task/" + taskId + "/submit-form", "mary",
                "{\"variables\": {\"marketingDecision\": {\"value\": \"approve\"}, \"marketingComment\": {\"value\": \"ok\"}}}")
                .statusCode()).isIn(200, 204);
        CampaignPilotTestSupport.await("campaign " + campaignId + " published", Duration.ofSeconds(90),
                () -> "PUBLISHED".equals(campaign(campaignId).path("campaign").path("status").asText()));
        JsonNode view = campaign(campaignId);
        String tier = view.path("campaign").path("tier").asText();
        String rulesVersion = view.path("policyDecisions").get(0).path("rulesVersion").asText();
        String ended = "outcome=\"PUBLISHED\",tier=\"" + tier + "\"";
        CampaignPilotTestSupport.await("the campaign counted as ended", Duration.ofSeconds(10),
                () -> sample(scrape(), "campaignpilot_campaigns_ended_total", ended).isPresent());

        String scrape = scrape();
        // every series carries the application; Prometheus adds the instance
        assertThat(sample(scrape, "campaignpilot_campaigns_started_total", "application=\"campaignpilot\"", "trigger=\"OVERSTOCK\""))
                .hasValue(1);
        assertThat(sample(scrape, "campaignpilot_campaigns_ended_total", ended)).hasValue(1);
        assertThat(sample(scrape, "campaignpilot_campaigns_published_seconds_count", "tier=\"" + tier + "\"")).hasValue(1);
        assertThat(sample(scrape, "campaignpilot_campaigns_published_seconds_bucket", "tier=\"" + tier + "\"")).isPresent();

        assertThat(sample(scrape, "campaignpilot_model_calls_total", "model=\"stub-model\"", "outcome=\"ok\"")).hasValue(1);
        assertThat(sample(scrape, "campaignpilot_model_calls_total", "model=\"stub-model\"", "outcome=\"failed\"")).hasValue(1);
        assertThat(sample(scrape, "campaignpilot_model_retries_total", "model=\"stub-model\"")).hasValue(1);
        assertThat(sample(scrape, "campaignpilot_model_fallbacks_total", "model=\"stub-model\"")).hasValue(1);
        assertThat(sample(scrape, "campaignpilot_model_tokens_total", "kind=\"input\"", "model=\"stub-model\"").orElse(0)).isPositive();
        assertThat(sample(scrape, "campaignpilot_model_tokens_total", "kind=\"output\"", "model=\"stub-model\"")).hasValue(60);
        assertThat(sample(scrape, "campaignpilot_model_latency_seconds_count", "model=\"stub-model\"")).hasValue(2);
        assertThat(sample(scrape, "campaignpilot_model_latency_seconds_bucket", "model=\"stub-model\"")).isPresent();
        assertThat(sample(scrape, "campaignpilot_generation_round_seconds_count")).hasValue(1);

        assertThat(sample(scrape, "campaignpilot_retrieval_latency_seconds_count", "outcome=\"ok\"")).hasValue(1);
        assertThat(sample(scrape, "campaignpilot_rules_evaluations_total", "tier=\"" + tier + "\"",
                "version=\"" + rulesVersion + "\"").orElse(0)).isGreaterThanOrEqualTo(1);
        assertThat(sample(scrape, "campaignpilot_rules_evaluation_seconds_count").orElse(0)).isGreaterThanOrEqualTo(1);

        long emails = view.path("deliveriesByChannel").path("email").asLong();
        assertThat(emails).isPositive();
        assertThat(sample(scrape, "campaignpilot_dispatch_messages_total", "channel=\"email\"", "status=\"SENT\"")).hasValue(emails);
        assertThat(sample(scrape, "campaignpilot_dispatch_messages_total", "channel=\"sms\"").orElse(0)).isPositive();
        assertThat(sample(scrape, "campaignpilot_dispatch_batch_seconds_count", "channel=\"email\"").orElse(0)).isPositive();

        assertThat(sample(scrape, "campaignpilot_jobs_backlog")).isPresent();
        assertThat(sample(scrape, "campaignpilot_external_tasks_backlog", "topic=\"copy-generation\"")).isPresent();
        assertThat(sample(scrape, "campaignpilot_external_tasks_backlog", "topic=\"channel-dispatch\"")).isPresent();
        // the connection pool, the JVM, and the API's latency by endpoint
        assertThat(sample(scrape, "hikaricp_connections_active")).isPresent();
        assertThat(sample(scrape, "hikaricp_connections_max").orElse(0)).isPositive();
        assertThat(sample(scrape, "jvm_memory_used_bytes", "area=\"heap\"")).isPresent();
        assertThat(sample(scrape, "http_server_requests_seconds_bucket", "uri=\"/api/campaigns/{id}\"")).isPresent();
    }

    @Test
    void onlyTheScrapeUserAndAdminsReadTheMetrics() {
        assertThat(get("/actuator/prometheus", SCRAPER).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", "admin").statusCode()).isEqualTo(200);

        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET().build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"CampaignPilot\"");
        assertThat(get("/actuator/prometheus", "mary").statusCode()).isEqualTo(403);
        assertThat(get("/actuator/prometheus", "ada").statusCode()).isEqualTo(403);
        // (not the scrape user's own name: Camunda would make it wait a few seconds after a wrong password)
        assertThat(get("/actuator/prometheus", "nobody", "wrong-password").statusCode()).isEqualTo(401);

        // health stays open to the load balancer; the scrape user opens nothing else
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/health")).GET().build()).statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/health/liveness")).GET().build()).statusCode()).isEqualTo(200);
        assertThat(get("/api/campaigns", SCRAPER).statusCode()).isEqualTo(403);
        assertThat(get("/engine-rest/task", SCRAPER).body()).isEqualTo("[]");
    }

    @Test
    void noOtherDoorLeadsToTheMetrics() {
        for (String path : List.of("/engine-rest/../actuator/prometheus", "/engine-rest/%2e%2e/actuator/prometheus",
                "/camunda/../actuator/prometheus", "/camunda/%2e%2e/actuator/prometheus", "/actuator/./prometheus",
                "/actuator//prometheus", "/actuator/prometheus;x=1", "/actuator/%70rometheus", "/ACTUATOR/prometheus",
                "/actuator/prometheus/", "/engine-rest/actuator/prometheus", "/camunda/actuator/prometheus",
                "/engine-rest/engine/default/actuator/prometheus")) {
            for (String user : new String[]{null, "mary"}) {
                HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
                if (user != null) {
                    request.header("Authorization", basic(user));
                }
                HttpResponse<String> response = send(request.build());
                assertThat(response.statusCode()).as(path + " as " + user + " -> " + response.body()).isNotEqualTo(200);
                assertThat(response.body()).as(path + " as " + user).doesNotContain("campaignpilot_", "jvm_memory");
            }
        }
        // Camunda's own engine metrics (job and activity counts) are behind its REST login and no route to ours
        assertThat(send(HttpRequest.newBuilder(uri("/engine-rest/metrics/activity-instance-start/sum")).GET().build())
                .statusCode()).isEqualTo(401);
    }

    private String scrape() {
        HttpResponse<String> response = get("/actuator/prometheus", SCRAPER);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> get(String path, String user, String password) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user, password)).GET().build());
    }

    /** The value of the first series of {@code name} whose labels include all of {@code labels} ({@code key="value"}). */
    static OptionalDouble sample(String scrape, String name, String... labels) {
        return Arrays.stream(scrape.split("\n"))
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(label -> line.contains(label)))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst();
    }

    private static StubChatServer start() {
        try {
            StubChatServer stub = new StubChatServer();
            stub.answer = StubCopywriter::answer;
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
