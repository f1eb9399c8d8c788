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
 * The issues' "done when", as people do it: in headless Chromium the demo marketing manager opens the campaign's review
 * from her Tasklist queue (the tier in its name), reads each variant as the customer will, only the sources it cites
 * with their passages, and the findings as a table; the form itself asks for her comment when she requests changes
 * without one (never an engine exception); in round 2 she reads her earlier comment and what changed, and approves with
 * a per-field edit; legal then reads her decision, comment and edit, approves, and the campaign is published with its
 * emails accepted by the SMTP server. Screenshots in target/screenshots/tasklist-*.png.
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

        // round 1: mary reads the evidence and asks for changes, first forgetting her comment
        JsonNode first = review("mary", title, "round1", Map.of("DECISION_LABEL", "Request changes",
                "EMPTY_COMMENT_FIRST", "true", "COMMENT", "Say winter in the subject"));
        assertThat(first.path("taskName").asText()).isEqualTo("Marketing review · HIGH — " + title);
        assertThat(first.path("queueEntry").asText()).contains("HIGH");
        assertThat(first.path("summary").asText()).contains("Risk tier HIGH", "generation round 1");
        assertThat(first.path("cockpitLink").asText()).isEqualTo("/camunda/app/cockpit/default/#/campaigns/" + campaignId);
        assertThat(first.path("copy").asText()).contains("Email · variant 1", "Subject:", "Preheader:",
                "Push notification · variant 1", "Title:", "Cites [");
        JsonNode variants = campaign(campaignId).path("variants");
        java.util.Set<String> cited = new java.util.TreeSet<>();
        variants.forEach(v -> v.path("citations").forEach(n -> cited.add("[" + n.asInt() + "]")));
        String sources = first.path("sources").asText();
        assertThat(cited).isNotEmpty().allSatisfy(n -> assertThat(sources).contains(n + " "));
        assertThat(java.util.regex.Pattern.compile("\\[(\\d+)] ").matcher(sources).results().map(m -> m.group(0).strip())
                .toList()).as("only cited sources").allMatch(cited::contains);
        assertThat(first.path("findings").asText()).contains("rules version", "Severity", "Finding", "Legal review");
        assertThat(first.path("findingRows").asInt()).isPositive();
        assertThat(first.path("history").asText()).contains("first review");
        assertThat(first.path("scrollBoxes").asInt()).as("text hidden in scrolling boxes").isZero();
        assertThat(first.path("overflowRight").asInt()).as("text running out of sight to the right").isZero();
        // the form's own message, and no engine exception anywhere
        assertThat(first.path("validation").asText()).contains("Comment (required)", "Field is required");
        assertThat(first.path("engineTexts")).isEmpty();
        assertThat(first.path("noticesAfter").asInt()).as("an error notice left after the successful submit: " + first)
                .isZero();

        // round 2: her earlier comment and what changed; she approves with an edit of one field
        String round2 = awaitNewTask("mary", campaignId, taskId);
        assertThat(round2).isNotEqualTo(taskId);
        String subject = "Vitamin D for darker days";
        JsonNode second = review("mary", title, "round2", Map.of("DECISION_LABEL", "Approve", "NOTE", "Approved in Tasklist",
                "EDIT_LABEL", "Email subject", "EDIT_VALUE", subject));
        assertThat(second.path("summary").asText()).contains("generation round 2");
        assertThat(second.path("history").asText()).contains("Marketing review", "mary", "Changes requested",
                "Say winter in the subject", "What changed from round 1 to round 2");
        assertThat(second.path("editBefore").asText()).isNotBlank().isNotEqualTo(subject);
        assertThat(second.path("engineTexts")).isEmpty();

        // legal reads marketing's decision, note and edit
        awaitTask("lena", campaignId);
        JsonNode legal = review("lena", title, "legal", Map.of("DECISION_LABEL", "Approve", "NOTE", "Legal approval in Tasklist"));
        assertThat(legal.path("taskName").asText()).isEqualTo("Legal review · HIGH — " + title);
        assertThat(legal.path("marketing").asText()).contains("Approved by mary in round 2", "Approved in Tasklist",
                "Marketing's edits", "Subject", second.path("editBefore").asText(), subject);
        assertThat(legal.path("copy").asText()).contains("Subject: " + subject, "edited by mary");
        assertThat(legal.path("engineTexts")).isEmpty();

        CampaignPilotTestSupport.await("campaign " + campaignId + " published", Duration.ofSeconds(90),
                () -> "PUBLISHED".equals(campaign(campaignId).path("campaign").path("status").asText()));
        JsonNode view = campaign(campaignId);
        assertThat(view.path("reviewDecisions").findValuesAsText("reviewer")).containsExactly("mary", "mary", "lena");
        assertThat(view.path("reviewDecisions").findValuesAsText("comment"))
                .containsExactly("Say winter in the subject", "Approved in Tasklist", "Legal approval in Tasklist");
        assertThat(view.path("variants").findValuesAsText("subject")).contains(subject);

        long emails = view.path("deliveriesByChannel").path("email").asLong();
        assertThat(emails).isPositive();
        long received = Arrays.stream(EmbeddedSmtp.shared().server().getReceivedMessages())
                .filter(m -> campaignId.equals(header(m, "X-Campaign-Id"))).count();
        assertThat(received).isEqualTo(emails);
    }

    /** One reviewer decides the campaign's review in Tasklist (see tasklist-review.mjs); returns what they saw. */
    private JsonNode review(String reviewer, String title, String step, Map<String, String> decision) throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(decision);
        settings.putAll(Map.of(
                "BASE_URL", "http://127.0.0.1:" + port,
                "REVIEWER", reviewer,
                "PASSWORD", PASSWORD,
                "CAMPAIGN_TITLE", title,
                "SHOT", "tasklist-" + step + "-" + reviewer,
                "CHROMIUM", NodeTools.CHROMIUM.toString(),
                "SCREENSHOTS", Path.of("target/screenshots").toAbsolutePath().toString()));
        NodeTools.Result review = NodeTools.node(settings, 240, "tasklist-review.mjs");
        assertThat(review.exitCode()).as(review.output()).isZero();
        return json.readTree(review.output().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());
    }

    /** The campaign's next open task for the user, once the one decided before has gone. */
    private String awaitNewTask(String user, String campaignId, String decidedTaskId) {
        String[] found = new String[1];
        CampaignPilotTestSupport.await("round 2's review of " + campaignId, Duration.ofSeconds(120), () -> {
            JsonNode tasks = read(get("/engine-rest/task?processInstanceBusinessKey=" + campaignId, user).body());
            for (JsonNode task : tasks) {
                if (!decidedTaskId.equals(task.path("id").asText())) {
                    found[0] = task.path("id").asText();
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }
}
