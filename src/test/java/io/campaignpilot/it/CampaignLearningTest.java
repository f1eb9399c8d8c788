package io.campaignpilot.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.engine.ProcessNames;
import io.campaignpilot.learning.CampaignLearnings;
import io.campaignpilot.measurement.MeasurementService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A measured campaign teaches the next one: its measurement drafts a learning, a marketing lead corrects and
 * approves it in Tasklist (through Camunda's REST API here, as Tasklist calls it), and a later campaign of the same
 * region and category is grounded in it, with its reviewers shown the learning. Nobody else decides it, by any door.
 */
class CampaignLearningTest extends ApiTestBase {
    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeasurementService measurements;

    CampaignFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new CampaignFixtures(context);
    }

    @Test
    void aLeadApprovesTheLearningOfAMeasuredCampaignAndALaterCampaignIsGroundedInIt() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String title = "Vitamin D winter push " + run;
        String campaignId = measuredCampaign(title);
        String docId = CampaignLearnings.docId(campaignId);

        JsonNode task = awaitTask("leo", campaignId);
        String taskId = task.path("id").asText();
        assertThat(task.path("name").asText()).isEqualTo("Approve learning — " + title);
        JsonNode form = read(get("/engine-rest/task/" + taskId + "/form-variables", "leo").body());
        String drafted = form.path(ProcessNames.LEARNING_TEXT).path("value").asText();
        assertThat(drafted).contains("\"" + title + "\" in the east region (supplements: Vitamin D3 1000 IU (90 caps)",
                "Result: it lifted conversion. 25.0 % of the ", "customers sent it bought, against 8.",
                "relative lift (95 % interval", "Incremental contribution:", "Take-away: it lifted sales");
        // waiting for the lead, out of search
        assertThat(read(get("/api/knowledge/documents/" + docId, "ada").body()).path("awaitingApproval").asInt()).isEqualTo(1);

        // nobody but a marketing lead decides it, and the lead only with the task's own fields and a reason to reject
        assertThat(submit(taskId, "mary", "{\"learningDecision\": {\"value\": \"approve\"}}").statusCode()).isIn(403, 404);
        HttpResponse<String> empty = submit(taskId, "leo", """
                {"learningDecision": {"value": "approve"}, "learningText": {"value": "  "}}""");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("The learning is empty").doesNotContain("ENGINE-");
        HttpResponse<String> noReason = submit(taskId, "leo", "{\"learningDecision\": {\"value\": \"reject\"}}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("Write a comment");
        HttpResponse<String> foreign = submit(taskId, "leo", """
                {"learningDecision": {"value": "approve"}, "learningDocId": {"value": "brand-voice"}}""");
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.body()).contains("may set only", "learningDocId");
        HttpResponse<String> legalDoor = post("/api/knowledge/documents/" + docId + "/versions/1/approve", "lena",
                "{\"comment\": \"looks right\"}");
        assertThat(legalDoor.statusCode()).as(legalDoor.body()).isEqualTo(409);

        String approved = drafted + "\nNote from the lead: the week was unusually cold.";
        HttpResponse<String> decided = submit(taskId, "leo", json.writeValueAsString(Map.of(
                "learningDecision", Map.of("value", "approve"), "learningText", Map.of("value", approved),
                "learningComment", Map.of("value", "Keep it: winter supplements respond to a reminder"))));
        assertThat(decided.statusCode()).as(decided.body()).isIn(200, 204);

        CampaignPilotTestSupport.await("the learning in search", Duration.ofSeconds(60), () -> {
            JsonNode doc = read(get("/api/knowledge/documents/" + docId, "ada").body());
            return doc.path("serving").asInt() == 1 && doc.path("awaitingSearch").isMissingNode();
        });
        JsonNode version = read(get("/api/knowledge/documents/" + docId, "ada").body()).path("versions").get(0);
        assertThat(version.path("approvedBy").asText()).isEqualTo("leo");
        assertThat(version.path("document").path("text").asText()).endsWith("the week was unusually cold.");
        assertThat(version.path("document").path("regions").toString()).isEqualTo("[\"east\"]");
        assertThat(version.path("document").path("categories").toString()).isEqualTo("[\"supplements\"]");
        assertThat(read(get("/api/campaigns/" + campaignId, "ada").body()).path("audit").findValuesAsText("kind"))
                .contains("MEASURED", "LEARNING_DRAFTED", "LEARNING_APPROVED");

        // a later supplements campaign in the east is grounded in it, and its reviewer is shown it
        HttpResponse<String> later = post("/api/triggers", "integration", """
                {"eventId": "learning-%s", "type": "CONVERSION_DROP", "occurredAt": "2026-11-20T09:00:00Z",
                 "discountPercent": 10, "skus": ["HP-SUP-001"], "region": "east", "title": "Vitamin D winter push again %s",
                 "channels": ["email"]}""".formatted(run, run));
        assertThat(later.statusCode()).as(later.body()).isEqualTo(201);
        String laterId = read(later.body()).path("campaignId").asText();
        String review = awaitTask("mary", laterId).path("id").asText();
        assertThat(read(get("/api/campaigns/" + laterId, "ada").body()).path("sources").findValuesAsText("docId"))
                .contains(docId);
        String learnings = read(get("/engine-rest/task/" + review + "/form-variables", "mary").body())
                .path(ProcessNames.REVIEW_LEARNINGS).path("value").asText();
        // escaped Markdown, as the form's text view renders it
        assertThat(learnings).contains("Learning from &quot;", "** · learning of an earlier campaign · ",
                docId.replace("-", "\\-") + " v1", "the week was unusually cold");
    }

    @Test
    void aLearningTheLeadRejectsNeverReachesSearch() {
        String title = "Vitamin D spring push " + UUID.randomUUID().toString().substring(0, 8);
        String campaignId = measuredCampaign(title);
        String docId = CampaignLearnings.docId(campaignId);
        String taskId = awaitTask("leo", campaignId).path("id").asText();

        HttpResponse<String> rejected = submit(taskId, "leo", """
                {"learningDecision": {"value": "reject"}, "learningComment": {"value": "A one-off: a rival was out of stock"}}""");
        assertThat(rejected.statusCode()).as(rejected.body()).isIn(200, 204);

        JsonNode doc = read(get("/api/knowledge/documents/" + docId, "ada").body());
        assertThat(doc.path("serving").isNull()).isTrue();
        assertThat(doc.path("versions").get(0).path("state").asText()).isEqualTo("REJECTED");
        assertThat(doc.path("versions").get(0).path("rejectedBy").asText()).isEqualTo("leo");
        assertThat(read(get("/api/knowledge/search?q=" + title.replace(' ', '+') + "&type=CAMPAIGN_LEARNING&k=50", "ada")
                .body()).findValuesAsText("docId")).doesNotContain(docId);
    }

    /**
     * A published web campaign to 1,500 new customers promoting vitamin D in the east, split as the application splits
     * them (about 150 held out), where a quarter of the treated and a twelfth of the held out then buy; its
     * measurement window is closed at once.
     */
    private String measuredCampaign(String title) {
        String region = CampaignFixtures.region("it-learn");
        fixtures.customers(region, 1500, "Nia");
        String id = fixtures.campaign(region, title, "supplements", List.of("HP-SUP-001"), null,
                CampaignFixtures.web(1, "Vitamin D for winter, {{first_name}}", "Vitamin D3, now £10.80.", "Shop now"));
        measurements.schedule(id);
        fixtures.publish(id, Channel.WEB);
        // the fixture's region kept its audience apart from other tests; what was learned is about the retailer's east
        jdbc.sql("update campaign set region = 'east' where id = ?").param(id).update();

        List<Long> treated = members(id, false);
        List<Long> heldOut = members(id, true);
        List<Long> buyers = new java.util.ArrayList<>(treated.subList(0, treated.size() / 4));
        buyers.addAll(heldOut.subList(0, Math.max(10, heldOut.size() / 12)));
        String orders = IntStream.range(0, buyers.size()).mapToObj(i -> """
                {"eventId": "%s-%d", "customerId": %d, "sku": "HP-SUP-001", "quantity": 1, "revenue": 10.80, "occurredAt": "%s"}"""
                .formatted(id, i, buyers.get(i), Instant.now())).collect(Collectors.joining("\n"));
        HttpResponse<String> imported = send(HttpRequest.newBuilder(uri("/api/outcomes/batch"))
                .header("Content-Type", "application/x-ndjson").header("Authorization", basic("integration"))
                .POST(HttpRequest.BodyPublishers.ofString(orders)).build());
        assertThat(read(imported.body()).path("recorded").asInt()).as(imported.body()).isEqualTo(buyers.size());

        engine.getRuntimeService().startProcessInstanceByKey(ProcessNames.MEASUREMENT, id, Map.of(
                ProcessNames.CAMPAIGN_ID, id, ProcessNames.MEASUREMENT_WINDOW_ENDS_AT, Instant.now().toString()));
        return id;
    }

    private List<Long> members(String campaignId, boolean holdout) {
        return jdbc.sql("select customer_id from audience_member where campaign_id = ? and holdout = ? order by customer_id")
                .params(campaignId, holdout).query(Long.class).list();
    }

    private HttpResponse<String> submit(String taskId, String user, String variables) {
        return post("/engine-rest/task/" + taskId + "/submit-form", user, "{\"variables\": " + variables + "}");
    }
}
