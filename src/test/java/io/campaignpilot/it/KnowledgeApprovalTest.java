package io.campaignpilot.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignpilot.knowledge.GroundingSource;
import io.campaignpilot.knowledge.KnowledgeRetriever;
import io.campaignpilot.knowledge.KnowledgeType;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four eyes on claims and policies: whatever status its author asks for, a claim or policy is retrieved for
 * generation only after a second member of legal-reviewers approves it, and the approved version keeps serving
 * while a newer one waits. Brand voice and learnings still go live as their author says.
 */
class KnowledgeApprovalTest extends ApiTestBase {
    @Autowired
    KnowledgeRetriever retriever;
    @Autowired
    IdentityService identity;

    String lara;

    @BeforeEach
    void secondLegalReviewer() {
        lara = SecondLegalReviewer.ensure(identity);
    }

    @Test
    void aClaimIsRetrievedOnlyOnceASecondLegalReviewerApprovesIt() {
        String claim = "claim-lid-" + UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"id": "%s", "type": "CLAIM", "title": "Bottle lid is dishwasher safe",
                 "text": "The bottle lid is dishwasher safe on the top rack.", "evidence": "Lab report DW-17",
                 "categories": ["outdoor"], "status": "APPROVED", "owner": "quality"}""".formatted(claim);
        try {
            HttpResponse<String> created = submit("lena", "application/json", body);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode outcome = read(created.body());
            assertThat(outcome.path("status").asText()).isEqualTo("IN_REVIEW");
            assertThat(outcome.path("awaiting").asText()).isEqualTo("approval by a second legal reviewer");
            assertThat(outcome.path("version").asInt()).isEqualTo(1);
            assertNotRetrieved(claim, KnowledgeType.CLAIM, "bottle lid dishwasher safe top rack");

            HttpResponse<String> again = submit("lena", "application/json", body);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(read(again.body()).path("result").asText()).isEqualTo("UNCHANGED");
            assertThat(read(again.body()).path("status").asText()).isEqualTo("IN_REVIEW");

            // the author, a marketing manager, a marketing lead and an administrator cannot approve it
            HttpResponse<String> own = decide("lena", claim, 1, "approve", "{\"comment\": \"my own\"}");
            assertThat(own.statusCode()).as(own.body()).isEqualTo(403);
            assertThat(read(own.body()).path("message").asText()).contains("lena submitted version 1", "four eyes");
            assertThat(decide("mary", claim, 1, "approve", "{}").statusCode()).isEqualTo(403);
            HttpResponse<String> lead = decide("leo", claim, 1, "approve", "{}");
            assertThat(lead.statusCode()).as(lead.body()).isEqualTo(403);
            assertThat(read(lead.body()).path("message").asText()).contains("only members of legal-reviewers", "leo");
            assertThat(decide("admin", claim, 1, "approve", "{}").statusCode()).isEqualTo(403);
            assertNotRetrieved(claim, KnowledgeType.CLAIM, "bottle lid dishwasher safe top rack");
            assertThat(read(get("/api/knowledge/documents/" + claim, "ada").body()).path("awaitingApproval").asInt()).isEqualTo(1);

            assertThat(decide(lara, "claim-nobody-wrote", 1, "approve", "{}").statusCode()).isEqualTo(404);
            assertThat(decide(lara, claim, 7, "approve", "{}").statusCode()).isEqualTo(404);

            HttpResponse<String> approved = decide(lara, claim, 1, "approve", "{\"comment\": \"evidence DW-17 checked\"}");
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
            assertThat(read(approved.body()).path("status").asText()).isEqualTo("APPROVED");
            assertThat(read(approved.body()).path("approvedBy").asText()).isEqualTo(lara);

            JsonNode history = read(get("/api/knowledge/documents/" + claim, "ada").body());
            assertThat(history.path("serving").asInt()).isEqualTo(1);
            assertThat(history.path("awaitingApproval").isNull()).isTrue();
            JsonNode v1 = history.path("versions").get(0);
            assertThat(v1.path("document").path("status").asText()).isEqualTo("APPROVED");
            assertThat(v1.path("state").asText()).isEqualTo("CURRENT");
            assertThat(v1.path("ingestedBy").asText()).isEqualTo("lena");
            assertThat(v1.path("approvedBy").asText()).isEqualTo(lara);
            assertThat(v1.path("approvedAt").asText()).isNotBlank();
            assertThat(v1.path("reviewComment").asText()).isEqualTo("evidence DW-17 checked");
            assertRetrieved(claim, KnowledgeType.CLAIM, "bottle lid dishwasher safe top rack");
            JsonNode decisions = read(get("/api/knowledge/decisions", "ada").body());
            assertThat(decisions).anySatisfy(d -> {
                assertThat(d.path("kind").asText()).isEqualTo("KNOWLEDGE_APPROVED");
                assertThat(d.path("actor").asText()).isEqualTo(lara);
                assertThat(d.path("detail").asText()).contains(claim, "\"submittedBy\":\"lena\"", "evidence DW-17 checked");
            });

            HttpResponse<String> twice = decide(lara, claim, 1, "approve", "{}");
            assertThat(twice.statusCode()).as(twice.body()).isEqualTo(409);
            assertThat(read(twice.body()).path("message").asText()).contains("not awaiting approval");

            // taking the claim out of service is legal's decision as well
            HttpResponse<String> brandOwnerDeletes = send(HttpRequest.newBuilder(uri("/api/knowledge/documents/" + claim))
                    .header("Authorization", basic("leo")).DELETE().build());
            assertThat(brandOwnerDeletes.statusCode()).as(brandOwnerDeletes.body()).isEqualTo(403);
        } finally {
            delete(claim);
        }
    }

    @Test
    void theApprovedPolicyKeepsServingWhileANewerVersionWaitsAndCampaignsAreGroundedOnlyInApprovedVersions() {
        String policy = "policy-picnic-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            HttpResponse<String> created = submit("lena", "text/markdown", picnicPolicy(policy, "at 30 degrees"));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(read(created.body()).path("status").asText()).isEqualTo("IN_REVIEW");
            String brief = "Picnic blanket fleece top machine washable wording";
            assertThat(groundingOfACampaign(brief)).as("a campaign grounded before approval")
                    .extracting(GroundingSource::docId).doesNotContain(policy);

            assertThat(decide(lara, policy, 1, "approve", null).statusCode()).isEqualTo(200);
            assertThat(groundingOfACampaign(brief)).as("a campaign grounded after approval")
                    .filteredOn(s -> s.docId().equals(policy)).isNotEmpty().allMatch(s -> s.version() == 1);

            // a new version waits; version 1 keeps serving
            HttpResponse<String> second = submit("lena", "text/markdown", picnicPolicy(policy, "at 40 degrees"));
            assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
            assertThat(read(second.body()).path("version").asInt()).isEqualTo(2);
            assertThat(read(second.body()).path("awaiting").asText()).contains("second legal reviewer");
            assertThat(servingText(policy)).contains("at 30 degrees").doesNotContain("at 40 degrees");
            JsonNode history = read(get("/api/knowledge/documents/" + policy, "ada").body());
            assertThat(history.path("serving").asInt()).isEqualTo(1);
            assertThat(history.path("awaitingApproval").asInt()).isEqualTo(2);
            assertThat(history.path("versions").findValuesAsText("state")).containsExactly("PENDING", "CURRENT");
            JsonNode queue = read(get("/api/knowledge/documents?status=IN_REVIEW", lara).body());
            assertThat(queue.findValuesAsText("id")).contains(policy);

            // legal rejects it, saying why; version 1 still serves
            HttpResponse<String> noReason = decide(lara, policy, 2, "reject", "{}");
            assertThat(noReason.statusCode()).as(noReason.body()).isEqualTo(400);
            assertThat(noReason.body()).contains("comment");
            HttpResponse<String> rejected = decide(lara, policy, 2, "reject", "{\"comment\": \"40 degrees shrinks the fleece\"}");
            assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
            assertThat(read(rejected.body()).path("status").asText()).isEqualTo("REJECTED");
            assertThat(read(rejected.body()).path("rejectedBy").asText()).isEqualTo(lara);
            assertThat(decide(lara, policy, 2, "approve", null).statusCode()).isEqualTo(409);
            assertThat(servingText(policy)).contains("at 30 degrees");

            // the next version, once approved, replaces version 1 in search
            assertThat(read(submit("lena", "text/markdown", picnicPolicy(policy, "at 30 degrees, inside out")).body())
                    .path("version").asInt()).isEqualTo(3);
            assertThat(decide(lara, policy, 3, "approve", "{\"comment\": \"ok\"}").statusCode()).isEqualTo(200);
            assertThat(servingText(policy)).contains("inside out");
            assertThat(retriever.search("picnic blanket fleece machine washable", KnowledgeType.POLICY, "south", "outdoor", 10))
                    .filteredOn(s -> s.docId().equals(policy)).isNotEmpty().allMatch(s -> s.version() == 3);
            assertThat(read(get("/api/knowledge/documents/" + policy, "ada").body()).path("versions").findValuesAsText("state"))
                    .containsExactly("CURRENT", "REJECTED", "SUPERSEDED");

            // turning the policy into brand voice is no way round legal
            HttpResponse<String> retyped = submit("leo", "text/markdown", picnicPolicy(policy, "at 60 degrees")
                    .replace("type: POLICY", "type: BRAND_VOICE"));
            assertThat(retyped.statusCode()).as(retyped.body()).isEqualTo(201);
            assertThat(read(retyped.body()).path("status").asText()).isEqualTo("IN_REVIEW");
            assertThat(servingText(policy)).contains("inside out").doesNotContain("60 degrees");
        } finally {
            delete(policy);
        }
    }

    @Test
    void brandVoiceGoesLiveAsItsAuthorSaysAndImportedKnowledgeNamesWhereItsApprovalCameFrom() {
        String voice = "brand-voice-test-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            HttpResponse<String> created = submit("leo", "text/markdown", """
                    ---
                    id: %s
                    type: BRAND_VOICE
                    title: Rainy day tone
                    status: APPROVED
                    owner: brand
                    ---
                    On rainy days we sound like a friend with a spare umbrella: cheerful, dry humour, never gloomy.
                    """.formatted(voice));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(read(created.body()).path("status").asText()).isEqualTo("APPROVED");
            assertThat(read(created.body()).has("awaiting")).isFalse();
            assertThat(retriever.search("friend with a spare umbrella rainy days", KnowledgeType.BRAND_VOICE, null, null, 5))
                    .extracting(GroundingSource::docId).contains(voice);
            assertThat(approvedBy(voice)).isEqualTo("leo");
        } finally {
            delete(voice);
        }
        assertThat(approvedBy("claim-magnesium-fatigue")).isEqualTo("import");
        assertThat(approvedBy("policy-alcohol")).isEqualTo("import");
        assertThat(approvedBy("product-hp-out-002")).isEqualTo("catalog");
    }

    /** Retrieval as generation does it, and the search editors use to check it. */
    private void assertNotRetrieved(String docId, KnowledgeType type, String query) {
        assertThat(retrieved(type, query)).doesNotContain(docId);
        assertThat(searched(type, query)).doesNotContain(docId);
    }

    private void assertRetrieved(String docId, KnowledgeType type, String query) {
        assertThat(retrieved(type, query)).contains(docId);
        assertThat(searched(type, query)).contains(docId);
    }

    private List<String> retrieved(KnowledgeType type, String query) {
        return retriever.retrieve(new KnowledgeRetriever.Request(query, "south", "outdoor", List.of("HP-OUT-002"))).stream()
                .filter(s -> s.type() == type).map(GroundingSource::docId).toList();
    }

    private List<String> searched(KnowledgeType type, String query) {
        HttpResponse<String> found = get("/api/knowledge/search?k=10&type=" + type + "&q="
                + URLEncoder.encode(query, StandardCharsets.UTF_8), "ada");
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        return read(found.body()).findValuesAsText("docId");
    }

    private String servingText(String docId) {
        return String.join(" ", retriever.search("picnic blanket fleece machine washable", KnowledgeType.POLICY, "south",
                "outdoor", 10).stream().filter(s -> s.docId().equals(docId)).map(GroundingSource::text).toList());
    }

    /** The sources a new campaign for the picnic blanket was grounded in. */
    private List<GroundingSource> groundingOfACampaign(String objective) {
        HttpResponse<String> created = post("/api/triggers", "integration", """
                {"eventId": "it-knowledge-%s", "type": "OVERSTOCK", "occurredAt": "2026-11-20T09:00:00Z",
                 "skus": ["HP-OUT-004"], "region": "south", "discountPercent": 20, "channels": ["email"],
                 "objective": "%s"}""".formatted(UUID.randomUUID(), objective));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String campaignId = read(created.body()).path("campaignId").asText();
        CampaignPilotTestSupport.await("grounding of " + campaignId, Duration.ofSeconds(90),
                () -> !campaign(campaignId).path("sources").isEmpty());
        JsonNode sources = campaign(campaignId).path("sources");
        List<GroundingSource> found = new java.util.ArrayList<>();
        sources.forEach(s -> found.add(new GroundingSource(s.path("number").asInt(), s.path("docId").asText(),
                s.path("chunkId").asText(), KnowledgeType.valueOf(s.path("type").asText()), s.path("version").asInt(),
                s.path("title").asText(), s.path("score").asDouble(), s.path("text").asText())));
        return found;
    }

    private String approvedBy(String docId) {
        JsonNode history = read(get("/api/knowledge/documents/" + docId, "ada").body());
        for (JsonNode v : history.path("versions")) {
            if ("CURRENT".equals(v.path("state").asText())) {
                return v.path("approvedBy").asText();
            }
        }
        throw new AssertionError("no current version of " + docId + ": " + history);
    }

    private static String picnicPolicy(String id, String temperature) {
        return "---\nid: " + id + "\ntype: POLICY\ntitle: Picnic blanket washing wording\nstatus: APPROVED\nowner: legal\n"
                + "categories: outdoor\n---\nPicnic blanket offers say the fleece top is machine washable " + temperature
                + "; never call the waterproof backing machine washable.\n";
    }

    private HttpResponse<String> submit(String user, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri("/api/knowledge/documents")).header("Authorization", basic(user))
                .header("Content-Type", contentType + "; charset=utf-8").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> decide(String user, String docId, int version, String verb, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(SecondLegalReviewer.decision(docId, version, verb)))
                .header("Authorization", basic(user));
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return send(request.build());
    }

    private void delete(String docId) {
        send(HttpRequest.newBuilder(uri("/api/knowledge/documents/" + docId)).header("Authorization", basic("lena"))
                .DELETE().build());
    }
}
