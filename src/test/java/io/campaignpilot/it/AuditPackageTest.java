package io.campaignpilot.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.Channel;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditor's audit package of a real published and measured campaign, as JSON and as CSV: the evidence timeline in
 * time order with business words, reviewers, model calls, rule decisions, deliveries as counts (never an address) and
 * the chain's check; who may take it away and who may not; and that the auditor can change nothing through
 * /engine-rest, whatever Cockpit shows her.
 */
class AuditPackageTest extends ApiTestBase {
    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theAuditorExportsAPublishedMeasuredCampaignAsJson() {
        String id = AuditedCampaign.publishedAndMeasured(this, context);
        HttpResponse<String> answer = get("/api/campaigns/" + id + "/audit-package", "ada");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(answer.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"campaign-" + id + "-audit-package.json\"");
        JsonNode pack = read(answer.body());

        assertThat(pack.path("exportedBy").asText()).isEqualTo("ada");
        assertThat(pack.path("campaign").path("title").asText()).isEqualTo(AuditedCampaign.TITLE);
        assertThat(pack.path("campaign").path("status").asText()).isEqualTo("PUBLISHED");
        assertThat(pack.path("verification").path("intact").asBoolean()).as(pack.path("verification").toString()).isTrue();
        assertThat(pack.path("verification").path("head").asText()).hasSize(64);

        JsonNode timeline = pack.path("timeline");
        List<Instant> times = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        timeline.forEach(e -> {
            times.add(Instant.parse(e.path("at").asText()));
            kinds.add(e.path("kind").asText());
            assertThat(e.path("summary").asText()).as(e.toString()).isNotBlank().doesNotContain("null");
        });
        assertThat(times).as("in time order").isSorted();
        assertThat(kinds.getFirst()).isEqualTo("Trigger");
        assertThat(kinds).contains("Trigger", "Audience", "Sources", "Model call", "Variant", "Rule decision", "Review",
                "Delivery", "Measurement", "End");

        assertThat(event(timeline, "Trigger").path("summary").asText())
                .contains("Overstock event audit-fixture-published", AuditedCampaign.TITLE, "south region", "20 % off");
        JsonNode review = event(timeline, "Review");
        assertThat(review.path("actor").asText()).isEqualTo("mary");
        assertThat(review.path("summary").asText()).contains("Marketing review", "mary approved", AuditedCampaign.REVIEW_COMMENT);
        assertThat(event(timeline, "Audience").path("summary").asText()).containsPattern("\\d+ customers to contact, \\d+ held out");
        assertThat(event(timeline, "Sources").path("details").path("sources").get(0).path("version").asInt()).isPositive();
        assertThat(event(timeline, "Rule decision").path("summary").asText()).contains("Rules before review", "rules version");
        assertThat(events(timeline, "Measurement")).anySatisfy(e -> assertThat(e.path("summary").asText())
                .contains("Measured against the holdout", "treatment", "holdout customers bought", "verdict"));
        assertThat(event(timeline, "End").path("summary").asText()).contains("ended as Published");

        // every model call with its prompt, model, tokens, cost, latency and outcome
        JsonNode call = pack.path("modelCalls").get(0);
        assertThat(call.path("prompt").asText()).isNotBlank();
        assertThat(call.path("outcome").asText()).isNotBlank();
        assertThat(call.has("latencyMs") && call.has("cost") && call.has("promptTokens") && call.has("model")).isTrue();
        assertThat(event(timeline, "Model call").path("details").path("prompt").asText()).isNotBlank();

        // deliveries are counts per channel and status; nobody's address or phone number is in the package
        assertThat(pack.path("deliveriesByChannelAndStatus").path("email").path("SENT").asLong()).isPositive();
        assertThat(pack.path("deliveriesByChannelAndStatus").path("sms").path("SENT").asLong()).isPositive();
        assertThat(answer.body()).doesNotContain("@customers.example").doesNotContainPattern("\\+447\\d{6}");
        assertThat(pack.path("reviewDecisions").get(0).path("reviewer").asText()).isEqualTo("mary");
        assertThat(pack.path("sources").size()).isPositive();
        assertThat(pack.path("ruleDecisions").get(0).path("rulesVersion").asText()).isNotBlank();
        assertThat(pack.path("measurement").path("measuredAt").asText()).isNotBlank();
        assertThat(pack.path("auditTrail").size()).isEqualTo(pack.path("verification").path("entries").asInt());
    }

    @Test
    void theTimelineComesAsCsvOneRowPerEvent() {
        String id = AuditedCampaign.publishedAndMeasured(this, context);
        JsonNode pack = read(get("/api/campaigns/" + id + "/audit-package", "ada").body());
        HttpResponse<String> csv = get("/api/campaigns/" + id + "/audit-package?format=csv", "ada");
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"campaign-" + id + "-audit-package.csv\"");
        List<List<String>> rows = csvRows(csv.body());
        assertThat(rows.getFirst()).containsExactly("time", "kind", "actor", "summary", "details");
        // the timeline may have grown since (nobody writes to a published campaign's trail here): same events
        assertThat(rows).hasSize(pack.path("timeline").size() + 1);
        List<String> first = rows.get(1);
        assertThat(first.get(1)).isEqualTo("Trigger");
        assertThat(Instant.parse(first.get(0))).isEqualTo(Instant.parse(pack.path("timeline").get(0).path("at").asText()));
        List<String> review = rows.stream().filter(r -> "Review".equals(r.get(1))).findFirst().orElseThrow();
        assertThat(review.get(2)).isEqualTo("mary");
        assertThat(review.get(3)).contains(AuditedCampaign.REVIEW_COMMENT);
        assertThat(read(review.get(4)).path("decision").asText()).isEqualTo("approve");
        assertThat(rows.stream().filter(r -> "Delivery".equals(r.get(1))).map(r -> r.get(3)).toList())
                .anySatisfy(s -> assertThat(s).startsWith("Email: ").contains("sent"))
                .anySatisfy(s -> assertThat(s).startsWith("SMS: ").contains("sent"));
        assertThat(csv.body()).doesNotContain("@customers.example");

        // the same by content negotiation
        HttpResponse<String> negotiated = send(HttpRequest.newBuilder(uri("/api/campaigns/" + id + "/audit-package"))
                .header("Authorization", basic("ada")).header("Accept", "text/csv").GET().build());
        assertThat(negotiated.statusCode()).isEqualTo(200);
        assertThat(negotiated.body()).startsWith("time,kind,actor,summary,details\r\n");
    }

    @Test
    void onlyThoseWhoAuditMayTakeThePackageAway() {
        String id = AuditedCampaign.publishedAndMeasured(this, context);
        String path = "/api/campaigns/" + id + "/audit-package";
        assertThat(get(path, "ada").statusCode()).isEqualTo(200);
        assertThat(get(path, "owen").statusCode()).isEqualTo(200);
        // a marketing manager reads the campaign, but the evidence to take away is not hers; nor an integration's
        assertThat(get("/api/campaigns/" + id, "mary").statusCode()).isEqualTo(200);
        assertThat(get(path, "mary").statusCode()).isEqualTo(403);
        assertThat(get(path, "lena").statusCode()).isEqualTo(403);
        assertThat(get(path, "integration").statusCode()).isEqualTo(403);
        assertThat(send(HttpRequest.newBuilder(uri(path)).GET().build()).statusCode()).isEqualTo(401);
        HttpResponse<String> unknown = get("/api/campaigns/no-such-campaign/audit-package", "ada");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(read(unknown.body()).path("message").asText()).contains("no-such-campaign");
        assertThat(get(path + "?format=xml", "ada").statusCode()).isEqualTo(400);
    }

    @Test
    void aChangedTrailEntryIsNamedByTheCheckAndInThePackage() {
        String id = new CampaignFixtures(context).campaign(CampaignFixtures.region("it-tamper"), null,
                CampaignFixtures.email("Lanterns", "Lanterns for the garden"));
        AuditLog audit = context.getBean(AuditLog.class);
        audit.record(id, "process", "PROCESS_STARTED", Map.of("processInstanceId", "none"));
        audit.record(id, "publishing", "DELIVERIES_RECORDED", Map.of("channel", Channel.EMAIL.key(), "newDeliveries", 12));
        audit.record(id, "process", "CAMPAIGN_ENDED", Map.of("status", "PUBLISHED", "reason", "published to email"));
        assertThat(read(get("/api/campaigns/" + id + "/audit/verification", "ada").body()).path("intact").asBoolean()).isTrue();

        long changed = jdbc.sql("select id from audit_event where campaign_id = ? and kind = 'DELIVERIES_RECORDED'")
                .param(id).query(Long.class).single();
        jdbc.sql("update audit_event set detail = ? where id = ?")
                .params("{\"channel\":\"email\",\"newDeliveries\":2}", changed).update();

        JsonNode verification = read(get("/api/campaigns/" + id + "/audit/verification", "ada").body());
        assertThat(verification.path("intact").asBoolean()).isFalse();
        assertThat(verification.path("firstBreak").path("entryId").asLong()).isEqualTo(changed);
        assertThat(verification.path("firstBreak").path("reason").asText()).isEqualTo("its detail was changed");
        JsonNode pack = read(get("/api/campaigns/" + id + "/audit-package", "ada").body());
        assertThat(pack.path("verification")).isEqualTo(verification);
    }

    /** The auditor holds no authorization that changes anything, and the engine refuses her when she tries. */
    @Test
    void theAuditorCanChangeNothingThroughTheEngine() {
        String id = AuditedCampaign.publishedAndMeasured(this, context);
        String instance = AuditedCampaign.measurementInstance(this, id).getId();

        JsonNode granted = read(get("/engine-rest/authorization?groupIdIn=auditors", "admin").body());
        assertThat(granted.size()).isPositive();
        granted.forEach(a -> assertThat(a.path("permissions").toString()).as(a.toString())
                .doesNotContain("ALL", "UPDATE", "DELETE", "CREATE", "SUSPEND", "MIGRATE", "RETRY", "TASK_WORK",
                        "TASK_ASSIGN"));
        // of her own, only what Camunda gives every user: her own profile (name, password); a task an admin once
        // assigned her keeps Camunda's assignee authorization, and the review still refuses her (ReviewGovernanceTest)
        read(get("/engine-rest/authorization?userIdIn=ada", "admin").body()).forEach(a -> {
            if (a.path("resourceType").asInt() != 7) {
                assertThat(a.path("resourceType").asInt() + ":" + a.path("resourceId").asText()).as(a.toString())
                        .isEqualTo("1:ada");
            }
        });
        JsonNode check = read(get("/engine-rest/authorization/check?permissionName=UPDATE&resourceName=ProcessInstance"
                + "&resourceType=8&resourceId=" + instance, "ada").body());
        assertThat(check.path("authorized").asBoolean()).isFalse();

        // she reads the instance's variables, and every change is refused
        assertThat(get("/engine-rest/process-instance/" + instance + "/variables", "ada").statusCode()).isEqualTo(200);
        assertThat(put("/engine-rest/process-instance/" + instance + "/variables/campaignId", "ada",
                "{\"value\": \"forged\", \"type\": \"String\"}").statusCode()).isEqualTo(403);
        assertThat(send(HttpRequest.newBuilder(uri("/engine-rest/process-instance/" + instance + "/variables/campaignId"))
                .header("Authorization", basic("ada")).DELETE().build()).statusCode()).isEqualTo(403);
        assertThat(put("/engine-rest/process-instance/" + instance + "/suspended", "ada", "{\"suspended\": true}")
                .statusCode()).isEqualTo(403);
        assertThat(send(HttpRequest.newBuilder(uri("/engine-rest/process-instance/" + instance))
                .header("Authorization", basic("ada")).DELETE().build()).statusCode()).isEqualTo(403);
        assertThat(engine.getRuntimeService().getVariable(instance, "campaignId")).isEqualTo(id);
        assertThat(AuditedCampaign.measurementInstance(this, id).isSuspended()).isFalse();
    }

    private static List<JsonNode> events(JsonNode timeline, String kind) {
        List<JsonNode> found = new ArrayList<>();
        timeline.forEach(e -> {
            if (kind.equals(e.path("kind").asText())) {
                found.add(e);
            }
        });
        return found;
    }

    private static JsonNode event(JsonNode timeline, String kind) {
        for (JsonNode e : timeline) {
            if (kind.equals(e.path("kind").asText())) {
                return e;
            }
        }
        throw new AssertionError("no " + kind + " event in " + timeline);
    }

    /** RFC 4180: quoted cells may hold commas, doubled quotes and line breaks. */
    static List<List<String>> csvRows(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        if (!row.isEmpty() || !cell.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }
}
