package io.campaignpilot.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignpilot.dev.EmbeddedSmtp;
import io.campaignpilot.ui.NodeTools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import static io.campaignpilot.it.CampaignPilotTestSupport.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "done when", as a person does it: the demo marketing manager logs into Camunda Tasklist in
 * headless Chromium, opens the campaign's review from her queue, reads the variants with their sources and
 * findings, claims, approves, and the campaign is published with its emails accepted by the SMTP server.
 */
class TasklistBrowserTest extends ApiTestBase {

    @BeforeEach
    void browser() {
        NodeTools.require(NodeTools.HOME.resolve("node_modules/playwright-core"), NodeTools.CHROMIUM);
    }

    @Test
    void marketingThenLegalApproveAHighRiskCampaignInTasklistAndItIsPublished() throws Exception {
        HttpResponse<String> created = post("/api/triggers", "integration", """
                {"eventId": "ui-%s", "type": "CONVERSION_DROP", "occurredAt": "2026-11-20T09:00:00Z", "discountPercent": 15,
                 "skus": ["HP-SUP-001"], "region": "east", "title": "Browser check %s", "channels": ["email", "push"]}"""
                .formatted(UUID.randomUUID(), UUID.randomUUID().toString().substring(0, 8)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String campaignId = json.readTree(created.body()).path("campaignId").asText();
        String title = campaign(campaignId).path("campaign").path("title").asText();
        String taskId = awaitTask("mary", campaignId).path("id").asText();

        // an auditor reads the review but cannot decide it, through any door
        assertThat(post("/engine-rest/task/" + taskId + "/complete", "ada",
                "{\"variables\": {\"marketingDecision\": {\"value\": \"approve\"}}}").statusCode()).isEqualTo(403);

        JsonNode seen = review("mary", title, "Approved in Tasklist", "Request changes");
        assertThat(seen.path("taskName").asText()).isEqualTo("Marketing review — " + title);
        assertThat(seen.path("campaign").asText()).isEqualTo(title);
        assertThat(seen.path("riskTier").asText()).isEqualTo("HIGH");
        assertThat(seen.path("variants").asText()).contains("== EMAIL", "== PUSH", "subject:", "cites: [");
        assertThat(seen.path("sources").asText()).contains("BRAND_VOICE", "PRODUCT_FACT", "CLAIM");
        assertThat(seen.path("findings").asText()).contains("rules version", "REGULATED_CATEGORY");
        // the server's refusal reaches the reviewer in her words, not the engine's
        assertThat(seen.path("refusal").asText()).contains("Write a comment").doesNotContain("ENGINE-");

        awaitTask("lena", campaignId);
        JsonNode legal = review("lena", title, "Legal approval in Tasklist", "");
        assertThat(legal.path("taskName").asText()).isEqualTo("Legal review — " + title);
        assertThat(legal.path("variants").asText()).contains("== EMAIL");

        CampaignPilotTestSupport.await("campaign " + campaignId + " published", Duration.ofSeconds(90),
                () -> "PUBLISHED".equals(campaign(campaignId).path("campaign").path("status").asText()));
        JsonNode view = campaign(campaignId);
        assertThat(view.path("reviewDecisions").findValuesAsText("reviewer")).containsExactly("mary", "lena");
        assertThat(view.path("reviewDecisions").findValuesAsText("comment"))
                .containsExactly("Approved in Tasklist", "Legal approval in Tasklist");

        long emails = view.path("deliveriesByChannel").path("email").asLong();
        assertThat(emails).isPositive();
        long received = Arrays.stream(EmbeddedSmtp.shared().server().getReceivedMessages())
                .filter(m -> campaignId.equals(header(m, "X-Campaign-Id"))).count();
        assertThat(received).isEqualTo(emails);
    }

    /** One reviewer approves the campaign's review in Tasklist; returns what they saw. */
    private JsonNode review(String reviewer, String title, String comment, String refusedFirst) throws Exception {
        NodeTools.Result review = NodeTools.node(Map.of(
                "BASE_URL", "http://127.0.0.1:" + port,
                "REVIEWER", reviewer,
                "PASSWORD", PASSWORD,
                "CAMPAIGN_TITLE", title,
                "DECISION_LABEL", "Approve",
                "REFUSED_LABEL", refusedFirst,
                "COMMENT", comment,
                "CHROMIUM", NodeTools.CHROMIUM.toString(),
                "SCREENSHOTS", Path.of("target/tasklist").toAbsolutePath().toString()), 240, "tasklist-review.mjs");
        assertThat(review.exitCode()).as(review.output()).isZero();
        return json.readTree(review.output().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());
    }
}
