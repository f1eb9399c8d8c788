package io.campaignpilot.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignpilot.dev.EmbeddedSmtp;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import static io.campaignpilot.it.CampaignPilotTestSupport.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * From POST /api/triggers to Published through the real stack: Flyway, the embedded Elasticsearch node,
 * local embeddings, the grounded generator, the Drools rules, a marketing manager's review over the engine
 * REST API, and email accepted by the embedded SMTP server. Runs on H2 here and on PostgreSQL in a subclass.
 */
class CampaignEndToEndTest extends ApiTestBase {

    @Test
    void triggerToPublishedWithAManagersApproval() throws Exception {
        String eventId = "it-overstock-" + UUID.randomUUID();
        String event = """
                {"eventId": "%s", "type": "OVERSTOCK", "occurredAt": "2026-11-20T09:00:00Z",
                 "skus": ["HP-OUT-004"], "region": "south", "discountPercent": 20, "channels": ["email", "sms"]}"""
                .formatted(eventId);
        HttpResponse<String> created = post("/api/triggers", "integration", event);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String campaignId = json.readTree(created.body()).path("campaignId").asText();

        // a repeated event returns the same campaign and starts nothing
        HttpResponse<String> repeated = post("/api/triggers", "integration", event);
        assertThat(repeated.statusCode()).isEqualTo(200);
        assertThat(json.readTree(repeated.body()).path("campaignId").asText()).isEqualTo(campaignId);
        assertThat(json.readTree(repeated.body()).path("duplicate").asBoolean()).isTrue();

        // the marketing manager finds the review in her queue, with variants, sources and findings
        JsonNode task = awaitTask("mary", campaignId);
        String taskId = task.path("id").asText();
        JsonNode formVariables = json.readTree(get("/engine-rest/task/" + taskId + "/form-variables", "mary").body());
        assertThat(formVariables.path("reviewVariants").path("value").asText()).contains("#### Email · variant 1",
                "#### SMS · variant 1", "SMS segment", "*Cites \\[");
        // only the sources the copy cites, each with its passage
        assertThat(formVariables.path("reviewSources").path("value").asText()).containsPattern("\\*\\*\\[\\d+] ")
                .contains("product fact", " v", "\n> ");
        assertThat(formVariables.path("reviewFindings").path("value").asText()).contains("rules version");

        // Tasklist renders the review with the Camunda Form deployed next to the BPMN
        HttpResponse<String> form = get("/engine-rest/task/" + taskId + "/deployed-form", "mary");
        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        assertThat(form.body()).contains("\"id\": \"marketing-review\"", "marketingDecision", "reviewVariants");

        assertThat(post("/engine-rest/task/" + taskId + "/claim", "mary", "{\"userId\": \"mary\"}").statusCode()).isEqualTo(204);
        HttpResponse<String> completed = post("/engine-rest/task/" + taskId + "/submit-form", "mary",
                "{\"variables\": {\"marketingDecision\": {\"value\": \"approve\"}, \"marketingComment\": {\"value\": \"on brand\"}}}");
        assertThat(completed.statusCode()).as(completed.body()).isIn(200, 204);

        CampaignPilotTestSupport.await("campaign " + campaignId + " published", Duration.ofSeconds(90),
                () -> "PUBLISHED".equals(campaign(campaignId).path("campaign").path("status").asText()));
        JsonNode view = campaign(campaignId);
        long emails = view.path("deliveriesByChannel").path("email").asLong();
        assertThat(emails).isPositive();
        assertThat(view.path("deliveriesByChannel").path("sms").asLong()).isPositive();
        assertThat(view.path("reviewDecisions").get(0).path("reviewer").asText()).isEqualTo("mary");
        assertThat(view.path("variants").get(0).path("citations").size()).isPositive();
        // each variant is pinned to the document versions and chunks it was built from, for the auditor
        for (JsonNode variant : view.path("variants")) {
            assertThat(variant.path("citedSources").size()).as(variant.toString()).isPositive();
            for (JsonNode cited : variant.path("citedSources")) {
                assertThat(cited.path("docId").asText()).isNotBlank();
                assertThat(cited.path("version").asInt()).isPositive();
                assertThat(cited.path("chunkId").asText()).startsWith(cited.path("docId").asText() + "@v"
                        + cited.path("version").asInt() + "#");
                assertThat(cited.path("score").asDouble()).isPositive();
            }
        }
        assertThat(view.path("sources").findValuesAsText("type")).contains("BRAND_VOICE", "PRODUCT_FACT", "POLICY")
                // no approved claim is about the picnic blanket: the outdoor category's (a tent's, a bottle's) are not its
                .doesNotContain("CLAIM");
        assertThat(view.path("policyDecisions").get(0).path("rulesVersion").asText()).isNotBlank();
        assertThat(view.path("measurement").path("windowEndsAt").asText()).isNotBlank();

        // every email was accepted by the SMTP server, personalised, and no holdout customer got one
        MimeMessage[] received = EmbeddedSmtp.shared().server().getReceivedMessages();
        long forCampaign = Arrays.stream(received).filter(m -> campaignId.equals(header(m, "X-Campaign-Id"))).count();
        assertThat(forCampaign).isEqualTo(emails);
        MimeMessage first = Arrays.stream(received).filter(m -> campaignId.equals(header(m, "X-Campaign-Id"))).findFirst().orElseThrow();
        // text and HTML, each with the recipient's own unsubscribe link, the one List-Unsubscribe names
        jakarta.mail.internet.MimeMultipart parts = (jakarta.mail.internet.MimeMultipart) first.getContent();
        String link = header(first, "List-Unsubscribe").replaceAll("^<|>$", "");
        assertThat(link).startsWith("http://127.0.0.1:8080/api/unsubscribe?token=");
        assertThat(parts.getBodyPart(0).getContent().toString()).startsWith("Hi ").doesNotContain("{{first_name}}")
                .contains("Unsubscribe: " + link);
        assertThat(parts.getBodyPart(1).getContent().toString()).contains("<p style=\"margin:0 0 16px;\">Hi ")
                .doesNotContain("{{first_name}}").contains("<a href=\"" + link + "\"");
        JsonNode deliveries = json.readTree(get("/api/campaigns/" + campaignId + "/deliveries", "ada").body());
        assertThat(deliveries.size()).isEqualTo((int) (emails + view.path("deliveriesByChannel").path("sms").asLong()));
    }
}
