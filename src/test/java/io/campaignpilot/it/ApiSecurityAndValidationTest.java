package io.campaignpilot.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may do what (401 without credentials, 403 for the wrong role) and how bad input is refused. */
class ApiSecurityAndValidationTest extends ApiTestBase {
    private static final String VALID = """
            {"eventId": "%s", "type": "SEASONAL_LAUNCH", "occurredAt": "2026-11-20T09:00:00Z",
             "skus": ["HP-APP-001"], "region": "north"}""";

    @Test
    void apiAndEngineRestRequireCredentials() {
        assertThat(send(HttpRequest.newBuilder(uri("/api/campaigns")).GET().build()).statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(uri("/engine-rest/task")).GET().build()).statusCode()).isEqualTo(401);
        assertThat(post("/api/triggers", null, VALID.formatted("x")).statusCode()).isEqualTo(401);
        HttpResponse<String> wrongPassword = send(HttpRequest.newBuilder(uri("/api/campaigns"))
                .header("Authorization", basic("leo", "not-the-password")).GET().build());
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    void rolesDecideWhatEachUserMayDo() {
        // reviewers and auditors may not inject triggers
        assertThat(post("/api/triggers", "mary", VALID.formatted("r-" + UUID.randomUUID())).statusCode()).isEqualTo(403);
        assertThat(post("/api/triggers", "ada", VALID.formatted("r-" + UUID.randomUUID())).statusCode()).isEqualTo(403);
        // auditors read campaigns but may not withdraw one
        assertThat(get("/api/campaigns", "ada").statusCode()).isEqualTo(200);
        assertThat(post("/api/campaigns/any/withdraw", "ada", "{\"reason\": \"x\"}").statusCode()).isEqualTo(403);
        // integrations trigger but are no reviewers: the engine shows them no tasks
        assertThat(get("/api/campaigns", "integration").statusCode()).isEqualTo(200);
    }

    @Test
    void marketingAndLegalEachSeeOnlyTheirOwnQueue() throws Exception {
        String eventId = "it-vitd-" + UUID.randomUUID();
        HttpResponse<String> created = post("/api/triggers", "integration", """
                {"eventId": "%s", "type": "CONVERSION_DROP", "occurredAt": "2026-11-20T09:00:00Z",
                 "skus": ["HP-SUP-001"], "region": "east", "discountPercent": 15}""".formatted(eventId));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String campaignId = json.readTree(created.body()).path("campaignId").asText();

        JsonNode marketingTask = awaitTask("mary", campaignId);
        assertThat(marketingTask.path("name").asText()).startsWith("Marketing review · HIGH — Win-back: ").contains("Vitamin");
        assertThat(marketingTask.path("priority").asInt()).isEqualTo(75);
        assertThat(marketingTask.path("description").asText()).contains("Risk tier HIGH",
                "/camunda/app/cockpit/default/#/campaigns/" + campaignId);
        assertThat(json.readTree(get("/engine-rest/task?processInstanceBusinessKey=" + campaignId, "lena").body())).isEmpty();
        assertThat(json.readTree(get("/engine-rest/task?processInstanceBusinessKey=" + campaignId, "ada").body())).hasSize(1);
        // an auditor can read the task but not complete it
        HttpResponse<String> auditorCompletes = post("/engine-rest/task/" + marketingTask.path("id").asText() + "/complete",
                "ada", "{\"variables\": {\"marketingDecision\": {\"value\": \"approve\"}}}");
        assertThat(auditorCompletes.statusCode()).isEqualTo(403);

        String taskId = marketingTask.path("id").asText();
        post("/engine-rest/task/" + taskId + "/claim", "mary", "{\"userId\": \"mary\"}");
        assertThat(post("/engine-rest/task/" + taskId + "/complete", "mary",
                "{\"variables\": {\"marketingDecision\": {\"value\": \"approve\"}}}").statusCode()).isEqualTo(204);

        JsonNode legalTask = awaitTask("lena", campaignId);
        assertThat(legalTask.path("name").asText()).startsWith("Legal review · HIGH — ");
        assertThat(json.readTree(get("/engine-rest/task?processInstanceBusinessKey=" + campaignId, "mary").body())).isEmpty();
        assertThat(campaign(campaignId).path("campaign").path("tier").asText()).isEqualTo("HIGH");
        assertThat(campaign(campaignId).path("policyDecisions").get(0).path("findings").findValuesAsText("code"))
                .contains("REGULATED_CATEGORY");
    }

    @Test
    void malformedJsonIsRefusedWithItsPosition() throws Exception {
        assertBadRequest(post("/api/triggers", "integration", "{\"eventId\": \"a\", "), "body");
    }

    @Test
    void unknownTypeMissingFieldsAndUnknownSkuAreEachNamed() throws Exception {
        HttpResponse<String> response = post("/api/triggers", "integration",
                "{\"eventId\": \"bad-1\", \"type\": \"FLASH_SALE\", \"skus\": [\"HP-NOPE-999\"], \"channels\": [\"fax\"]}");
        JsonNode errors = assertBadRequest(response, "type", "occurredAt", "region", "skus[0]", "channels[0]");
        assertThat(errors.toString()).contains("unknown SKU HP-NOPE-999", "unknown type FLASH_SALE");
    }

    @Test
    void oversizedAndEmptyBodiesAreRefused() throws Exception {
        String huge = "{\"eventId\": \"big\", \"objective\": \"" + "x".repeat(40_000) + "\"}";
        JsonNode errors = assertBadRequest(post("/api/triggers", "integration", huge), "body");
        assertThat(errors.toString()).contains("larger than the limit");
        assertBadRequest(post("/api/triggers", "integration", ""), "body");
        assertBadRequest(post("/api/triggers", "integration", "[1, 2]"), "body");
    }

    @Test
    void refusedEventsStartNothing() throws Exception {
        String eventId = "bad-" + UUID.randomUUID();
        post("/api/triggers", "integration", """
                {"eventId": "%s", "type": "OVERSTOCK", "occurredAt": "yesterday", "skus": ["HP-OUT-002"], "region": "north"}"""
                .formatted(eventId));
        JsonNode campaigns = json.readTree(get("/api/campaigns?limit=500", "ada").body());
        assertThat(campaigns.findValuesAsText("triggerEventId")).doesNotContain(eventId);
    }

    @Test
    void aSegmentNoCustomerIsInIsRefusedNamingTheKnownOnes() throws Exception {
        JsonNode errors = assertBadRequest(post("/api/triggers", "integration", """
                {"eventId": "%s", "type": "OVERSTOCK", "occurredAt": "2026-11-20T09:00:00Z", "skus": ["HP-OUT-002"],
                 "region": "north", "segment": "moon-walkers"}""".formatted("bad-" + UUID.randomUUID())), "segment");
        assertThat(errors.toString()).contains("unknown segment moon-walkers", "all", "foodies");
    }

    @Test
    void anUnknownFieldIsRefusedNamingItAndTheKnownOnes() throws Exception {
        JsonNode errors = assertBadRequest(post("/api/triggers", "integration", """
                {"eventId": "%s", "type": "OVERSTOCK", "occurredAt": "2026-11-20T09:00:00Z", "skus": ["HP-OUT-002"],
                 "region": "north", "discount": 20}""".formatted("bad-" + UUID.randomUUID())), "discount");
        assertThat(reason(errors, "discount")).startsWith("is not a known field; known: [category, channels, customers, discountPercent");
        // in a nested object, by its path
        assertThat(reason(assertBadRequest(put("/api/campaigns/any/variants", "mary", """
                {"edits": [{"channel": "email", "variantNo": 1, "field": "subject", "value": "x", "colour": "red"}]}"""),
                "edits[0].colour"), "edits[0].colour")).contains("is not a known field", "variantNo");
    }

    @Test
    void aMistypedValueIsNamedByItsJsonPathWithWhatWasExpected() throws Exception {
        String event = """
                {"eventId": "bad-typed", "type": "OVERSTOCK", "occurredAt": "2026-11-20T09:00:00Z", "region": "north", %s}""";
        assertThat(reason(assertBadRequest(post("/api/triggers", "integration",
                event.formatted("\"skus\": [\"HP-OUT-002\", {\"sku\": \"HP-OUT-003\"}]")), "skus[1]"), "skus[1]"))
                .isEqualTo("must be a string");
        assertThat(reason(assertBadRequest(post("/api/triggers", "integration",
                event.formatted("\"skus\": \"HP-OUT-002\"")), "skus"), "skus")).isEqualTo("must be an array");
        // a whole number is neither a fraction nor a string of digits
        assertThat(reason(assertBadRequest(post("/api/triggers", "integration",
                event.formatted("\"skus\": [\"HP-OUT-002\"], \"discountPercent\": 15.5")), "discountPercent"),
                "discountPercent")).isEqualTo("'15.5' is not a whole number");
        assertBadRequest(post("/api/triggers", "integration",
                event.formatted("\"skus\": [\"HP-OUT-002\"], \"discountPercent\": \"15\"")), "discountPercent");
        assertThat(reason(assertBadRequest(post("/api/triggers", "integration", """
                {"eventId": "bad-time", "type": "OVERSTOCK", "occurredAt": "yesterday", "skus": ["HP-OUT-002"]}"""),
                "occurredAt"), "occurredAt")).isEqualTo("'yesterday' is not an ISO-8601 instant such as 2026-11-20T09:00:00Z");
        // a value out of an enum's range lists the allowed ones, deep in the body
        assertThat(reason(assertBadRequest(put("/api/campaigns/any/variants", "mary", """
                {"edits": [{"channel": "email", "variantNo": 1, "field": "subject", "value": "x"},
                           {"channel": "fax", "variantNo": 1, "field": "subject", "value": "x"}]}"""), "edits[1].channel"),
                "edits[1].channel")).isEqualTo("'fax' is not one of [EMAIL, SMS, PUSH, WEB, SOCIAL]");
    }

    @Test
    void emptyNullAndNonObjectBodiesAndBrokenConstraintsAreEachNamed() throws Exception {
        assertThat(reason(assertBadRequest(post("/api/triggers", "integration", "null"), "body"), "body"))
                .startsWith("is empty");
        assertThat(reason(assertBadRequest(post("/api/triggers", "integration", "\"OVERSTOCK\""), "body"), "body"))
                .isEqualTo("must be a JSON object");
        JsonNode blanks = assertBadRequest(post("/api/triggers", "integration", """
                {"eventId": " ", "type": "BRIEF", "occurredAt": null, "skus": ["HP-OUT-002", " "], "region": "north",
                 "discountPercent": 95}"""), "eventId", "type", "occurredAt", "skus[1]", "discountPercent");
        assertThat(reason(blanks, "eventId")).isEqualTo("is required");
        assertThat(reason(blanks, "type")).contains("use one of [OVERSTOCK, SEASONAL_LAUNCH").doesNotContain("BRIEF]");
        assertThat(reason(blanks, "discountPercent")).isEqualTo("must be between 0 and 80");
        assertThat(reason(assertBadRequest(post("/api/triggers", "integration", """
                {"eventId": "no spaces allowed", "type": "OVERSTOCK", "occurredAt": "2026-11-20T09:00:00Z",
                 "skus": ["HP-OUT-002"], "region": "north"}"""), "eventId"), "eventId")).startsWith("must be 1-100 characters");
        // a reason is quoted as given, never read as a message template
        assertThat(reason(assertBadRequest(post("/api/triggers", "integration", """
                {"eventId": "bad-template", "type": "OVERSTOCK", "occurredAt": "2026-11-20T09:00:00Z",
                 "skus": ["${1+1}{jakarta.validation.constraints.NotNull.message}"], "region": "north"}"""), "skus[0]"),
                "skus[0]")).isEqualTo("unknown SKU ${1+1}{jakarta.validation.constraints.NotNull.message}");
    }

    @Test
    void otherRequestBodiesAreRecordsRefusedTheSameWay() throws Exception {
        JsonNode order = assertBadRequest(post("/api/outcomes", "integration", """
                {"eventId": "", "customerId": "seventeen", "sku": "HP-OUT-002", "quantity": 1, "revenue": 10,
                 "occurredAt": "2026-11-20T09:00:00Z"}"""), "customerId");
        assertThat(reason(order, "customerId")).isEqualTo("must be a whole number");
        JsonNode broken = assertBadRequest(post("/api/outcomes", "integration", """
                {"eventId": "", "customerId": 17, "quantity": 0, "revenue": -1}"""),
                "eventId", "sku", "quantity", "revenue", "occurredAt");
        assertThat(reason(broken, "quantity")).isEqualTo("must be a whole number of at least 1");
        assertThat(reason(broken, "revenue")).isEqualTo("must be a non-negative amount");
        assertThat(reason(assertBadRequest(post("/api/campaigns/any/withdraw", "mary", "{\"reason\": \" \"}"), "reason"),
                "reason")).isEqualTo("is required: say why the campaign is withdrawn");
        assertThat(reason(assertBadRequest(put("/api/campaigns/any/variants", "mary", "{\"edits\": []}"), "edits"), "edits"))
                .isEqualTo("at least one edit is required");
        // a path variable's constraint: the same shape
        HttpResponse<String> noCustomer = send(HttpRequest.newBuilder(uri("/api/customers/0/personal-data"))
                .header("Authorization", basic("admin")).DELETE().build());
        assertThat(reason(assertBadRequest(noCustomer, "id"), "id")).isEqualTo("'0' is not a customer id (a positive whole number)");
        // a body is JSON, said so in its Content-Type
        HttpResponse<String> plain = send(HttpRequest.newBuilder(uri("/api/triggers")).header("Authorization", basic("integration"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(VALID.formatted("plain"))).build());
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(415);
        assertThat(reason(json.readTree(plain.body()).path("errors"), "Content-Type")).contains("application/json");
    }

    private static String reason(JsonNode errors, String field) {
        for (JsonNode error : errors) {
            if (error.path("field").asText().equals(field)) {
                return error.path("reason").asText();
            }
        }
        throw new AssertionError("no error for " + field + " in " + errors);
    }

    private JsonNode assertBadRequest(HttpResponse<String> response, String... fields) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode errors = json.readTree(response.body()).path("errors");
        assertThat(errors.findValuesAsText("field")).contains(fields);
        assertThat(errors.findValuesAsText("reason")).allSatisfy(reason -> assertThat(reason).isNotBlank());
        return errors;
    }
}
