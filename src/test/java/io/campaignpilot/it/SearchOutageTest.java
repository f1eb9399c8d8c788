package io.campaignpilot.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignpilot.dev.CuttableLink;
import io.campaignpilot.knowledge.KnowledgeIndexing;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.runtime.Incident;
import org.junit.jupiter.api.AfterEach;
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
 * Elasticsearch away, as the people who rely on it notice: a campaign waits in an incident on "Retrieve grounding"
 * that names the cause and goes on when a process owner retries it; knowledge recorded meanwhile is kept, says it is
 * not searchable yet and why, and becomes searchable when retried. No engine job or transaction waited on the network.
 */
class SearchOutageTest extends ApiTestBase {
    private final CuttableLink search = CampaignPilotTestSupport.elasticsearch();

    @Autowired
    KnowledgeIndexing indexing;
    @Autowired
    IdentityService identity;

    @AfterEach
    void searchIsBack() {
        search.restore();
    }

    @Test
    void aCampaignWaitsInAnIncidentNamingElasticsearchAndGoesOnWhenAProcessOwnerRetriesIt() {
        search.cut();
        String campaignId = trigger();
        CampaignPilotTestSupport.await("an incident on the grounding of " + campaignId, Duration.ofMinutes(2),
                () -> !incidents(campaignId).isEmpty());

        Incident incident = incidents(campaignId).getFirst();
        assertThat(incident.getActivityId()).isEqualTo("RetrieveGrounding");
        assertThat(incident.getIncidentType()).isEqualTo("failedExternalTask");
        assertThat(incident.getIncidentMessage()).startsWith("Retrieve grounding: grounding could not be retrieved: KnowledgeUnavailableException")
                .contains("Elasticsearch at http://127.0.0.1:" + search.port() + " did not answer");
        JsonNode view = campaign(campaignId);
        assertThat(view.path("campaign").path("status").asText()).isEqualTo("RUNNING");
        assertThat(view.path("sources")).isEmpty();
        assertThat(view.path("variants")).isEmpty();

        // search is back; the process owner retries the step, as from Cockpit
        search.restore();
        HttpResponse<String> retried = put("/engine-rest/external-task/" + incident.getConfiguration() + "/retries", "owen",
                "{\"retries\": 1}");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(204);
        CampaignPilotTestSupport.await("campaign " + campaignId + " grounded and written", Duration.ofMinutes(2), () -> {
            JsonNode now = campaign(campaignId);
            return !now.path("sources").isEmpty() && !now.path("variants").isEmpty();
        });
        assertThat(incidents(campaignId)).isEmpty();
    }

    @Test
    void knowledgeRecordedWhileSearchIsAwayIsKeptSaysWhyAndBecomesSearchableWhenRetried() {
        String id = "learning-outage-" + UUID.randomUUID().toString().substring(0, 8);
        search.cut();
        HttpResponse<String> created = submit("leo", """
                {"id": "%s", "type": "CAMPAIGN_LEARNING", "title": "Lanterns sell on cold evenings",
                 "text": "Camping lanterns sell best in the week the first cold evening is forecast.",
                 "status": "APPROVED", "owner": "marketing", "categories": ["outdoor"]}""".formatted(id));

        // recorded, not searchable yet, and the answer says why
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        JsonNode outcome = read(created.body());
        assertThat(outcome.path("version").asInt()).isEqualTo(1);
        assertThat(outcome.path("indexState").asText()).isEqualTo("FAILED");
        assertThat(outcome.path("indexError").asText()).contains("did not answer");
        JsonNode document = read(get("/api/knowledge/documents/" + id, "ada").body());
        assertThat(document.path("versions").get(0).path("state").asText()).isEqualTo("CURRENT");
        assertThat(document.path("awaitingSearch").path("indexState").asText()).isEqualTo("FAILED");
        assertThat(document.path("awaitingSearch").path("indexAttempts").asInt()).isEqualTo(1);

        HttpResponse<String> stillAway = post("/api/knowledge/documents/" + id + "/index", "leo", "");
        assertThat(stillAway.statusCode()).as(stillAway.body()).isEqualTo(503);
        assertThat(read(stillAway.body()).path("message").asText()).contains("did not answer");

        search.restore();
        HttpResponse<String> retried = post("/api/knowledge/documents/" + id + "/index", "leo", "");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(read(retried.body()).path("indexState").asText()).isEqualTo("DONE");
        assertThat(searched("lanterns cold evening")).contains(id);
        document = read(get("/api/knowledge/documents/" + id, "ada").body());
        assertThat(document.has("awaitingSearch")).isFalse();
        assertThat(document.path("versions").get(0).path("indexState").asText()).isEqualTo("DONE");
        assertThat(document.path("versions").get(0).path("indexAttempts").asInt()).isEqualTo(2);

        // a deletion while search is away is recorded; search lets go of the document with the scheduled retry
        search.cut();
        HttpResponse<String> deleted = send(HttpRequest.newBuilder(uri("/api/knowledge/documents/" + id))
                .header("Authorization", basic("leo")).DELETE().build());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(202);
        assertThat(read(deleted.body()).path("indexState").asText()).isEqualTo("FAILED");
        document = read(get("/api/knowledge/documents/" + id, "ada").body());
        assertThat(document.path("versions").get(0).path("state").asText()).isEqualTo("DELETED");
        assertThat(document.path("awaitingSearch").path("state").asText()).isEqualTo("DELETED");
        search.restore();
        assertThat(searched("lanterns cold evening")).as("until the removal is retried").contains(id);

        indexing.retryWaiting();

        assertThat(searched("lanterns cold evening")).doesNotContain(id);
        assertThat(read(get("/api/knowledge/documents/" + id, "ada").body()).has("awaitingSearch")).isFalse();
    }

    @Test
    void aClaimApprovedWhileSearchIsAwayStaysApprovedAndIsRetrievedOnceIndexed() {
        String id = "claim-outage-" + UUID.randomUUID().toString().substring(0, 8);
        String reviewer = SecondLegalReviewer.ensure(identity);
        HttpResponse<String> submitted = submit("lena", """
                {"id": "%s", "type": "CLAIM", "title": "Lantern runs all night",
                 "text": "The camping lantern runs for twelve hours on one charge.", "evidence": "Test report LT-12",
                 "categories": ["outdoor"], "status": "APPROVED", "owner": "quality"}""".formatted(id));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        try {
            search.cut();
            HttpResponse<String> approved = post(SecondLegalReviewer.decision(id, 1, "approve"), reviewer,
                    "{\"comment\": \"report LT-12 checked\"}");

            // the legal decision stands; search has yet to follow it
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
            assertThat(read(approved.body()).path("status").asText()).isEqualTo("APPROVED");
            assertThat(read(approved.body()).path("indexState").asText()).isEqualTo("FAILED");
            assertThat(read(approved.body()).path("indexError").asText()).contains("did not answer");
            search.restore();
            assertThat(searched("lantern twelve hours one charge")).doesNotContain(id);

            indexing.retryWaiting();

            assertThat(searched("lantern twelve hours one charge")).contains(id);
            assertThat(read(get("/api/knowledge/documents/" + id, "ada").body()).path("serving").asInt()).isEqualTo(1);
        } finally {
            send(HttpRequest.newBuilder(uri("/api/knowledge/documents/" + id)).header("Authorization", basic("lena"))
                    .DELETE().build());
        }
    }

    private HttpResponse<String> submit(String user, String json) {
        return post("/api/knowledge/documents", user, json);
    }

    private List<String> searched(String query) {
        HttpResponse<String> found = get("/api/knowledge/search?k=20&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8),
                "ada");
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        return read(found.body()).findValuesAsText("docId");
    }

    private String trigger() {
        HttpResponse<String> created = post("/api/triggers", "integration", """
                {"eventId": "it-outage-%s", "type": "OVERSTOCK", "occurredAt": "2026-11-20T09:00:00Z",
                 "skus": ["HP-OUT-004"], "region": "north", "discountPercent": 10, "channels": ["email"]}"""
                .formatted(UUID.randomUUID()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return read(created.body()).path("campaignId").asText();
    }

    /** Root causes only: the calling processes carry an incident of their own that points here. */
    private List<Incident> incidents(String campaignId) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(campaignId).list().stream()
                .flatMap(pi -> engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).list().stream())
                .filter(i -> i.getId().equals(i.getRootCauseIncidentId())).toList();
    }
}
