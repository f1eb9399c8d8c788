package io.campaignpilot.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignpilot.knowledge.GroundingSource;
import io.campaignpilot.knowledge.KnowledgeIndex;
import io.campaignpilot.knowledge.KnowledgeProperties;
import io.campaignpilot.knowledge.KnowledgeRetriever;
import io.campaignpilot.knowledge.KnowledgeType;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The knowledge base against the real embedded Elasticsearch node: ingestion in each format, versioning and
 * deletion, bad input, the retrieval filters and quotas, and the alias swap of a reindex.
 */
class KnowledgeApiTest extends ApiTestBase {
    @Autowired
    KnowledgeRetriever retriever;
    @Autowired
    KnowledgeIndex index;
    @Autowired
    KnowledgeProperties properties;
    @Autowired
    IdentityService identity;

    @Test
    void aMarkdownDocumentIsChunkedVersionedAndDeletedButKeptForAudit() throws Exception {
        String id = "policy-test-" + UUID.randomUUID().toString().substring(0, 8);
        String v1 = markdown(id, "Tent pegs are sold in packs of twelve.", "APPROVED", "");
        HttpResponse<String> created = send("lena", "text/markdown", "/api/knowledge/documents", v1);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode outcome = read(created.body());
        assertThat(outcome.path("version").asInt()).isEqualTo(1);
        assertThat(outcome.path("chunks").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(outcome.path("result").asText()).isEqualTo("CREATED");
        approveAsSecondLegalReviewer(id, 1);
        assertThat(chunksOf(id, "tent pegs packs of twelve")).isNotEmpty().allMatch(c -> c.startsWith(id + "@v1#"));

        // the same content again changes nothing
        HttpResponse<String> again = send("lena", "text/markdown", "/api/knowledge/documents", v1);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(read(again.body()).path("result").asText()).isEqualTo("UNCHANGED");

        // a new version replaces the old one in search
        HttpResponse<String> second = send("lena", "text/markdown", "/api/knowledge/documents",
                markdown(id, "Tent pegs are sold in packs of twenty.", "APPROVED", ""));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        assertThat(read(second.body()).path("version").asInt()).isEqualTo(2);
        assertThat(read(second.body()).path("result").asText()).isEqualTo("NEW_VERSION");
        approveAsSecondLegalReviewer(id, 2);
        List<String> chunks = chunksOf(id, "tent pegs packs of twenty");
        assertThat(chunks).isNotEmpty().allMatch(c -> c.startsWith(id + "@v2#"));

        // an explicit version that is not newer is a conflict
        HttpResponse<String> stale = send("lena", "text/markdown", "/api/knowledge/documents",
                markdown(id, "Tent pegs are sold singly.", "APPROVED", "version: 2\n"));
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(409);

        JsonNode history = read(get("/api/knowledge/documents/" + id, "ada").body());
        assertThat(history.path("versions").findValuesAsText("state")).containsExactly("CURRENT", "SUPERSEDED");
        assertThat(history.path("versions").get(1).path("document").path("text").asText()).contains("packs of twelve");
        assertThat(history.path("versions").get(0).path("ingestedBy").asText()).isEqualTo("lena");

        HttpResponse<String> deleted = send("lena", "DELETE", "/api/knowledge/documents/" + id, null);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(chunksOf(id, "tent pegs packs of twenty")).isEmpty();
        assertThat(read(get("/api/knowledge/documents/" + id, "ada").body()).path("versions").findValuesAsText("state"))
                .containsExactly("DELETED", "SUPERSEDED");
        assertThat(send("lena", "DELETE", "/api/knowledge/documents/" + id, null).statusCode()).isEqualTo(404);
    }

    @Test
    void claimsArriveAsJsonWithTheirEvidenceAndPlainTextTakesMetadataFromTheQuery() throws Exception {
        String claim = "claim-test-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = send("lena", "application/json", "/api/knowledge/documents", """
                {"id": "%s", "type": "CLAIM", "title": "Lamp shade is linen", "text": "The lamp shade is 100%% linen.",
                 "evidence": "Supplier declaration LS-9", "categories": ["home"], "status": "APPROVED", "owner": "quality"}"""
                .formatted(claim));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        approveAsSecondLegalReviewer(claim, 1);
        GroundingSource top = retriever.search("linen lamp shade", KnowledgeType.CLAIM, "north", "home", 3).getFirst();
        assertThat(top.docId()).isEqualTo(claim);
        assertThat(top.text()).contains("Evidence: Supplier declaration LS-9");

        String note = "learning-test-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> plain = send("leo", "text/plain", "/api/knowledge/documents?id=" + note
                        + "&type=CAMPAIGN_LEARNING&title=" + enc("Doormat timing") + "&status=APPROVED&owner=analytics&categories=home",
                "Doormat emails sent before the first autumn rain doubled click-through.");
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(201);
        assertThat(retriever.search("doormat autumn rain", KnowledgeType.CAMPAIGN_LEARNING, null, "home", 3))
                .extracting(GroundingSource::docId).contains(note);
    }

    @Test
    void badInputIsRefusedWithTheFieldAndNothingIsIndexed() throws Exception {
        String id = "bad-" + UUID.randomUUID().toString().substring(0, 8);
        assertBadRequest(send("lena", "application/json", "/api/knowledge/documents", """
                {"id": "%s", "type": "POLICY", "title": "Empty", "text": "  ", "status": "APPROVED", "owner": "legal"}"""
                .formatted(id)), "text", "is empty");
        assertBadRequest(send("lena", "application/json", "/api/knowledge/documents", """
                {"id": "%s", "type": "RUMOUR", "title": "Gossip", "text": "Something", "status": "APPROVED", "owner": "legal"}"""
                .formatted(id)), "body: type", "unknown type 'RUMOUR'");
        JsonNode missing = assertBadRequest(send("lena", "application/json", "/api/knowledge/documents", """
                {"id": "%s", "type": "POLICY", "text": "No title, status or owner"}""".formatted(id)), "title", "is required");
        assertThat(missing.path("errors").findValuesAsText("field")).contains("title", "status", "owner");
        assertBadRequest(send("lena", "application/json", "/api/knowledge/documents", """
                {"id": "%s", "type": "CLAIM", "title": "Unbacked", "text": "Lasts forever.", "status": "APPROVED", "owner": "legal"}"""
                .formatted(id)), "body: evidence", "is required for a claim");
        assertBadRequest(send("lena", "application/json", "/api/knowledge/documents", "{\"id\": \"" + id + "\", \"type\": "),
                "body", "is not valid JSON");
        assertBadRequest(send("lena", "application/json", "/api/knowledge/documents", """
                {"id": "%s", "type": "POLICY", "title": "Big", "text": "%s", "status": "APPROVED", "owner": "legal"}"""
                .formatted(id, "x".repeat(properties.maxDocumentChars() + 1))), "text", "more than the limit");
        assertBadRequest(send("lena", "application/json", "/api/knowledge/documents", """
                {"id": "%s", "type": "PRODUCT_FACT", "title": "Fake", "text": "Costs £1", "status": "APPROVED", "owner": "x"}"""
                .formatted(id)), "type", "derived from the catalog");
        assertBadRequest(send("lena", "application/json", "/api/knowledge/documents", """
                {"id": "%s", "type": "POLICY", "title": "Where", "text": "Text", "status": "APPROVED", "owner": "legal",
                 "regions": ["atlantis"], "effectiveFrom": "2026-12-01", "effectiveTo": "2026-01-01"}"""
                .formatted(id)), "regions", "unknown region 'atlantis'");
        assertBadRequest(send("lena", "application/json", "/api/knowledge/documents", """
                {"id": "%s", "title": "Dry", "text": "Stays dry.", "evidence": "T-1", "categories": ["outdoor"],
                 "products": "HP-OUT-003", "status": "APPROVED", "owner": "quality"}"""
                .formatted(id)), "body: products", "must be an array of SKUs");
        assertBadRequest(send("lena", "application/json", "/api/knowledge/documents", """
                {"id": "%s", "title": "Dry", "text": "Stays dry.", "evidence": "T-1", "categories": ["outdoor"],
                 "products": ["HP-OUT-003", "HP-TENT-999"], "status": "APPROVED", "owner": "quality"}"""
                .formatted(id)), "products", "unknown SKU 'HP-TENT-999'");
        assertBadRequest(send("lena", "text/markdown", "/api/knowledge/documents", "no header here"),
                "body", "metadata header");
        assertBadRequest(get("/api/knowledge/search?q=bottle&type=RUMOUR", "ada"), "type", "'RUMOUR' is not one of");
        assertBadRequest(get("/api/knowledge/search?q=bottle&k=many", "ada"), "k", "'many' is not a whole number");
        assertBadRequest(get("/api/knowledge/search", "ada"), "q", "is required");

        assertThat(get("/api/knowledge/documents/" + id, "ada").statusCode()).isEqualTo(404);
        assertThat(chunksOf(id, "Something Lasts forever Costs")).isEmpty();
    }

    @Test
    void onlyApprovedCurrentKnowledgeForTheRegionReachesACampaign() {
        // the demo corpus holds a DRAFT "policy" whose text is an instruction to the model, and an expired claim
        for (String region : List.of("north", "south", "east", "west")) {
            for (String category : List.of("outdoor", "alcohol", "supplements")) {
                List<GroundingSource> sources = retriever.retrieve(new KnowledgeRetriever.Request(
                        "flash sale 90% off everything biggest sale ever, keeps drinks ice cold 48 hours", region, category,
                        List.of("HP-OUT-002")));
                assertThat(sources).extracting(GroundingSource::docId)
                        .doesNotContain("draft-flash-sale", "claim-bottle-cold-2024");
                assertThat(sources).extracting(GroundingSource::text).noneMatch(t -> t.contains("90% off"));
            }
        }
        List<String> north = retriever.retrieve(new KnowledgeRetriever.Request("gin promotion multi-buy minimum unit price",
                "north", "alcohol", List.of("HP-ALC-002"))).stream().map(GroundingSource::docId).toList();
        List<String> south = retriever.retrieve(new KnowledgeRetriever.Request("gin promotion multi-buy minimum unit price",
                "south", "alcohol", List.of("HP-ALC-002"))).stream().map(GroundingSource::docId).toList();
        assertThat(north).contains("policy-region-north-alcohol", "policy-alcohol");
        assertThat(south).contains("policy-alcohol").doesNotContain("policy-region-north-alcohol");
    }

    @Test
    void aCampaignContextCarriesEveryKindOfSourceWithinItsQuotas() {
        List<GroundingSource> sources = retriever.retrieve(new KnowledgeRetriever.Request(
                "Overstock: Insulated Water Bottle 750 ml. outdoor", "south", "outdoor", List.of("HP-OUT-002")));

        Map<KnowledgeType, Long> perType = sources.stream().collect(Collectors.groupingBy(GroundingSource::type, Collectors.counting()));
        assertThat(perType.keySet()).containsExactlyInAnyOrder(KnowledgeType.values());
        perType.forEach((type, n) -> assertThat(n).as(type.name()).isLessThanOrEqualTo(properties.quota(type)));
        assertThat(sources.stream().collect(Collectors.groupingBy(GroundingSource::docId, Collectors.counting())).values())
                .allMatch(n -> n <= properties.maxChunksPerDocument());
        assertThat(sources).extracting(GroundingSource::docId).contains("product-hp-out-002", "claim-bottle-cold");
        assertThat(sources).extracting(GroundingSource::number).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, sources.size()).boxed().toList());
    }

    @Test
    void aReindexSwapsTheAliasToAFreshIndexWithTheSameKnowledge() throws Exception {
        List<String> before = index.indices();
        Function<String, List<String>> brandVoice = q -> retriever.search(q, KnowledgeType.BRAND_VOICE, null, null, 3)
                .stream().map(GroundingSource::docId).toList();
        List<String> found = brandVoice.apply("subject lines for emails");

        assertThat(send("mary", "POST", "/api/knowledge/reindex", "").statusCode()).isEqualTo(403);
        HttpResponse<String> reindexed = send("owen", "POST", "/api/knowledge/reindex", "");
        assertThat(reindexed.statusCode()).as(reindexed.body()).isEqualTo(200);

        List<String> after = index.indices();
        assertThat(after).hasSize(1).doesNotContainAnyElementsOf(before);
        assertThat(after.getFirst()).isEqualTo(read(reindexed.body()).path("index").asText());
        assertThat(brandVoice.apply("subject lines for emails")).isEqualTo(found);
        assertThat(retriever.retrieve(new KnowledgeRetriever.Request("Magnesium for tiredness", "east", "supplements",
                List.of("HP-SUP-002")))).extracting(GroundingSource::docId).contains("claim-magnesium-fatigue");
    }

    @Test
    void onlyKnowledgeOwnersMayChangeIt() {
        String body = markdown("policy-denied", "Nothing.", "APPROVED", "");
        assertThat(send("mary", "text/markdown", "/api/knowledge/documents", body).statusCode()).isEqualTo(403);
        assertThat(send("integration", "text/markdown", "/api/knowledge/documents", body).statusCode()).isEqualTo(403);
        assertThat(send(HttpRequest.newBuilder(uri("/api/knowledge/documents")).header("Content-Type", "text/markdown")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()).statusCode()).isEqualTo(401);
        assertThat(get("/api/knowledge/documents?type=CLAIM", "mary").statusCode()).isEqualTo(200);
    }

    /** Claims and policies lena submits are retrieved once another legal reviewer approves them. */
    private void approveAsSecondLegalReviewer(String docId, int version) {
        HttpResponse<String> approved = post(SecondLegalReviewer.decision(docId, version, "approve"),
                SecondLegalReviewer.ensure(identity), "{}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    }

    private List<String> chunksOf(String docId, String query) {
        return retriever.search(query, null, null, null, 50).stream().filter(s -> s.docId().equals(docId))
                .map(GroundingSource::chunkId).toList();
    }

    private JsonNode assertBadRequest(HttpResponse<String> response, String field, String reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode body = read(response.body());
        assertThat(body.path("errors").findValuesAsText("field")).as(response.body()).contains(field);
        assertThat(body.path("errors").findValuesAsText("reason")).as(response.body()).anyMatch(r -> r.contains(reason));
        return body;
    }

    /** A policy long enough to need several chunks, with a header. */
    private static String markdown(String id, String fact, String status, String extraHeader) {
        String filler = "Camping gear is checked by the quality team before it is listed, and every item carries its care "
                + "instructions on the label so customers know how to store it dry between trips. ";
        return "---\nid: " + id + "\ntype: POLICY\ntitle: Tent accessories\nstatus: " + status + "\nowner: legal\n"
                + "categories: outdoor\n" + extraHeader + "---\n" + fact + " " + filler + "\n\n" + filler.repeat(4)
                + "\n\n" + filler.repeat(3);
    }

    private HttpResponse<String> send(String user, String methodOrType, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user));
        switch (methodOrType) {
            case "DELETE" -> request.DELETE();
            case "POST" -> request.POST(HttpRequest.BodyPublishers.ofString(body));
            default -> request.header("Content-Type", methodOrType + "; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return send(request.build());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
