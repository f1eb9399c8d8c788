package io.campaignpilot.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The scorecard over the API: who may read it, and what a bad period gets. */
class ScorecardApiTest extends ApiTestBase {

    @Test
    void managersAndAuditorsReadItAndIntegrationsDoNot() {
        for (String user : new String[]{"mary", "ada"}) {
            HttpResponse<String> card = get("/api/scorecard", user);
            assertThat(card.statusCode()).as(user).isEqualTo(200);
            JsonNode body = read(card.body());
            assertThat(body.has("flow") && body.has("review") && body.has("models") && body.has("results")).isTrue();
        }
        assertThat(get("/api/scorecard", "integration").statusCode()).isEqualTo(403);
    }

    @Test
    void aPeriodMustBeDatesInOrder() {
        HttpResponse<String> backwards = get("/api/scorecard?from=2026-12-01&to=2026-11-01", "ada");
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(read(backwards.body()).path("errors").get(0).path("field").asText()).isEqualTo("to");
        HttpResponse<String> notADate = get("/api/scorecard?from=last-week", "ada");
        assertThat(notADate.statusCode()).isEqualTo(400);
        assertThat(read(notADate.body()).path("errors").get(0).path("field").asText()).isEqualTo("from");
    }
}
