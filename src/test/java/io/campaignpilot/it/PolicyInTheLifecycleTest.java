package io.campaignpilot.it;

import io.campaignpilot.engine.ProcessNames;
import com.fasterxml.jackson.databind.JsonNode;
import io.campaignpilot.dev.EmbeddedSmtp;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules in the running application: a reviewer's edit judged before it can be approved, process owners reloading
 * rules from the external folder (a broken file refused with file:line, the old rules serving), and the frequency cap
 * holding back customers other campaigns have just contacted.
 */
class PolicyInTheLifecycleTest extends ApiTestBase {
    private static final Path RULES_DIR = rulesDir();

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void policy(DynamicPropertyRegistry registry) {
        registry.add("campaignpilot.policy.rules-dir", RULES_DIR::toString);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:campaignpilot-policy;DB_CLOSE_DELAY=-1");
    }

    @Test
    void aReviewersEditIsJudgedByTheRulesBeforeItCanBeApproved() throws Exception {
        String campaignId = trigger("south", "all", 20);
        JsonNode task = awaitTask("mary", campaignId);
        String taskId = task.path("id").asText();
        String originalBody = campaign(campaignId).path("variants").get(0).path("fields").path("body").asText();
        // only the reviewer holding the review may edit its copy
        assertThat(post("/engine-rest/task/" + taskId + "/claim", "mary", "{\"userId\": \"mary\"}").statusCode()).isEqualTo(204);

        // an invented claim: refused with the finding, nothing saved, the attempt on the record
        HttpResponse<String> invented = put("/api/campaigns/" + campaignId + "/variants", "mary", """
                {"edits": [{"channel": "email", "variantNo": 1, "field": "body", "value": "%s Guaranteed for a lifetime."}]}"""
                .formatted(originalBody.replace("\n", "\\n")));
        assertThat(invented.statusCode()).as(invented.body()).isEqualTo(422);
        JsonNode refused = read(invented.body());
        assertThat(refused.path("message").asText()).contains("the rules block the edited copy", "Guaranteed for a lifetime.");
        assertThat(refused.path("findings").findValuesAsText("code")).contains("UNAPPROVED_CLAIM");
        JsonNode view = campaign(campaignId);
        assertThat(view.path("variants").get(0).path("fields").path("body").asText()).isEqualTo(originalBody);
        assertThat(view.path("policyDecisions").findValuesAsText("checkpoint")).contains("REVIEWER_EDIT_REFUSED");

        // a malformed edit names the field
        HttpResponse<String> malformed = put("/api/campaigns/" + campaignId + "/variants", "mary", """
                {"edits": [{"channel": "email", "variantNo": 1, "field": "title", "value": "x"}, {"channel": "fax", "variantNo": 1}]}""");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(read(malformed.body()).path("errors").findValuesAsText("field")).contains("edits[1].channel");

        // the same invented claim through the review form: the task stays open and says why
        HttpResponse<String> formRefused = post("/engine-rest/task/" + taskId + "/submit-form", "mary", """
                {"variables": {"marketingDecision": {"value": "approve"}, "marketingComment": {"value": "ok"},
                 "editEmailSubject": {"value": "Picnic Blanket Waterproof, guaranteed for a lifetime"}}}""");
        assertThat(formRefused.statusCode()).as(formRefused.body()).isEqualTo(400);
        assertThat(read(formRefused.body()).path("message").asText()).contains("Your edit cannot be approved", "performance claim")
                .doesNotContain("ENGINE-");
        assertThat(read(get("/engine-rest/task?processInstanceBusinessKey=" + campaignId, "mary").body())).hasSize(1);

        // a clean edit is accepted with the approval and is what customers receive
        String subject = "Picnic Blanket Waterproof: 20% off this week";
        HttpResponse<String> approved = post("/engine-rest/task/" + taskId + "/submit-form", "mary", """
                {"variables": {"marketingDecision": {"value": "approve"}, "marketingComment": {"value": "tightened the subject"},
                 "editEmailSubject": {"value": "%s"}}}""".formatted(subject));
        assertThat(approved.statusCode()).as(approved.body()).isIn(200, 204);
        CampaignPilotTestSupport.await("campaign " + campaignId + " published", Duration.ofSeconds(90),
                () -> "PUBLISHED".equals(campaign(campaignId).path("campaign").path("status").asText()));
        JsonNode published = campaign(campaignId);
        JsonNode email = published.path("variants").get(0);
        assertThat(email.path("fields").path("subject").asText()).isEqualTo(subject);
        assertThat(email.path("editedBy").asText()).isEqualTo("mary");
        assertThat(published.path("policyDecisions").findValuesAsText("checkpoint"))
                .contains("PRE_REVIEW", "REVIEWER_EDIT", "PRE_PUBLISH");
        List<String> subjects = new ArrayList<>();
        for (MimeMessage m : EmbeddedSmtp.shared().server().getReceivedMessages()) {
            if (campaignId.equals(m.getHeader("X-Campaign-Id", null))) {
                subjects.add(m.getSubject());
            }
        }
        assertThat(subjects).isNotEmpty().allMatch(subject::equals);
    }

    @Test
    void legalReviewsTheCopyAsMarketingEditedIt() throws Exception {
        HttpResponse<String> created = post("/api/triggers", "integration", """
                {"eventId": "it-policy-%s", "type": "CONVERSION_DROP", "occurredAt": "2026-11-20T09:00:00Z",
                 "skus": ["HP-SUP-001"], "region": "north", "discountPercent": 15, "channels": ["email"]}"""
                .formatted(UUID.randomUUID()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String campaignId = json.readTree(created.body()).path("campaignId").asText();
        String taskId = awaitTask("mary", campaignId).path("id").asText();
        assertThat(campaign(campaignId).path("campaign").path("tier").asText()).isEqualTo("HIGH");

        String subject = "Vitamin D3 for winter: 15% off";
        assertThat(post("/engine-rest/task/" + taskId + "/claim", "mary", "{\"userId\": \"mary\"}").statusCode()).isEqualTo(204);
        HttpResponse<String> approved = post("/engine-rest/task/" + taskId + "/submit-form", "mary", """
                {"variables": {"marketingDecision": {"value": "approve"}, "marketingComment": {"value": "seasonal subject"},
                 "editEmailSubject": {"value": "%s"}}}""".formatted(subject));
        assertThat(approved.statusCode()).as(approved.body()).isIn(200, 204);

        JsonNode legalTask = awaitTask("lena", campaignId);
        assertThat(legalTask.path("taskDefinitionKey").asText()).isEqualTo(ProcessNames.LEGAL_REVIEW_TASK);
        JsonNode form = read(get("/engine-rest/task/" + legalTask.path("id").asText() + "/form-variables", "lena").body());
        assertThat(form.path("reviewVariants").path("value").asText())
                .contains("**Subject:** " + subject).contains("edited by mary, accepted by the rules");
        assertThat(form.path("reviewFindings").path("value").asText()).contains("REVIEWER\\_EDIT check of round 1", "**Legal review**");
        // legal reads marketing's decision, comment and edit of this round
        assertThat(form.path("reviewMarketing").path("value").asText()).contains("**Approved** by mary", "seasonal subject",
                "| email \\#1 | Subject |", subject);
    }

    @Test
    void processOwnersReloadRulesAndABrokenFileKeepsTheLastGoodRulesServing() throws Exception {
        JsonNode before = read(get("/api/rules", "ada").body());
        String version = before.path("version").asText();
        assertThat(before.path("files").has("margin.drl")).isTrue();
        assertThat(post("/api/rules/reload", "mary", "").statusCode()).isEqualTo(403);

        Path file = RULES_DIR.resolve("outdoor-review.drl");
        Files.writeString(file, """
                package io.campaignpilot.rules
                import io.campaignpilot.policy.*;

                rule "Outdoor offers need marketing review"
                when
                    OfferFact( category == "outdoor", $sku : sku )
                then
                    insert(new Finding("OUTDOOR_REVIEW", Severity.REVIEW_MARKETING, $sku + " is outdoor",
                        drools.getRule().getName(), null, "category=outdoor"))
                end
                """);
        HttpResponse<String> broken = post("/api/rules/reload", "owen", "");
        assertThat(broken.statusCode()).as(broken.body()).isEqualTo(422);
        JsonNode refused = read(broken.body());
        assertThat(refused.path("errors").get(0).asText()).startsWith("outdoor-review.drl:");
        assertThat(refused.path("serving").asText()).isEqualTo(version);
        assertThat(read(get("/api/rules", "ada").body()).path("version").asText()).isEqualTo(version);

        Files.writeString(file, Files.readString(file).replace("\"category=outdoor\"))", "\"category=outdoor\"));"));
        HttpResponse<String> reloaded = post("/api/rules/reload", "owen", "");
        assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
        String newVersion = read(reloaded.body()).path("version").asText();
        assertThat(newVersion).isNotEqualTo(version);
        assertThat(read(reloaded.body()).path("files").path("outdoor-review.drl").asText()).endsWith("outdoor-review.drl");
        // the reload is the cluster's active rule set, and this node runs it
        JsonNode status = read(get("/api/rules", "ada").body());
        assertThat(status.path("activeVersion").asText()).isEqualTo(newVersion);
        assertThat(status.path("runsActiveVersion").asBoolean()).isTrue();

        JsonNode history = read(get("/api/rules/history", "ada").body());
        assertThat(history.findValuesAsText("kind")).contains("RULES_RELOAD_REFUSED", "RULES_RELOADED");
        assertThat(history.findValuesAsText("actor")).contains("owen");
        try {
            String campaignId = trigger("north", "all", 10);
            awaitTask("mary", campaignId);
            JsonNode decision = campaign(campaignId).path("policyDecisions").get(0);
            assertThat(decision.path("rulesVersion").asText()).isEqualTo(newVersion);
            assertThat(decision.path("findings").findValuesAsText("code")).contains("OUTDOOR_REVIEW");
        } finally {
            Files.delete(file);
            assertThat(post("/api/rules/reload", "owen", "").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void customersOtherCampaignsJustContactedThreeTimesAreHeldBack() throws Exception {
        // every other west customer of the home-makers segment had three messages from earlier campaigns this week
        List<Long> busy = jdbc.sql("select id from customer where region = 'west' and segment = 'home-makers' order by id")
                .query(Long.class).list().stream().filter(id -> id % 2 == 0).toList();
        Timestamp yesterday = Timestamp.from(Instant.now().minus(Duration.ofDays(1)));
        for (long id : busy) {
            for (int n = 1; n <= 3; n++) {
                jdbc.sql("insert into delivery (campaign_id, channel, customer_id, address, status, variant_no, created_at) "
                                + "values (?, 'email', ?, 'x', 'SENT', 1, ?)")
                        .params("earlier-" + n, id, yesterday).update();
            }
        }
        String campaignId = trigger("west", "home-makers", 20);
        JsonNode task = awaitTask("mary", campaignId);
        JsonNode findings = campaign(campaignId).path("policyDecisions").get(0).path("findings");
        JsonNode capped = null;
        for (JsonNode f : findings) {
            if ("FREQUENCY_CAPPED".equals(f.path("code").asText())) {
                capped = f;
            }
        }
        assertThat(capped).as(findings.toString()).isNotNull();
        assertThat(capped.path("message").asText()).contains("already contacted 3 times in the last 7 days");

        String taskId = task.path("id").asText();
        assertThat(post("/engine-rest/task/" + taskId + "/claim", "mary", "{\"userId\": \"mary\"}").statusCode()).isEqualTo(204);
        assertThat(post("/engine-rest/task/" + taskId + "/submit-form", "mary",
                "{\"variables\": {\"marketingDecision\": {\"value\": \"approve\"}, \"marketingComment\": {\"value\": \"ok\"}}}")
                .statusCode()).isIn(200, 204);
        CampaignPilotTestSupport.await("campaign " + campaignId + " published", Duration.ofSeconds(90),
                () -> "PUBLISHED".equals(campaign(campaignId).path("campaign").path("status").asText()));
        List<Long> reached = jdbc.sql("select customer_id from delivery where campaign_id = ?").param(campaignId)
                .query(Long.class).list();
        assertThat(reached).isNotEmpty().doesNotContainAnyElementsOf(busy);
    }

    private String trigger(String region, String segment, int discount) throws IOException {
        HttpResponse<String> created = post("/api/triggers", "integration", """
                {"eventId": "it-policy-%s", "type": "OVERSTOCK", "occurredAt": "2026-11-20T09:00:00Z",
                 "skus": ["HP-OUT-004"], "region": "%s", "segment": "%s", "discountPercent": %d, "channels": ["email"]}"""
                .formatted(UUID.randomUUID(), region, segment, discount));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).path("campaignId").asText();
    }

    private static Path rulesDir() {
        try {
            return Files.createTempDirectory("campaignpilot-rules");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
