package io.campaignpilot.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Integrators read what /api offers as OpenAPI and in Swagger UI, behind the same login as the API itself. */
class OpenApiTest extends ApiTestBase {

    @Test
    void theDescriptionAndSwaggerUiAreBehindTheLogin() {
        assertThat(send(HttpRequest.newBuilder(uri("/api/openapi")).GET().build()).statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(uri("/api/docs/swagger-ui/index.html")).GET().build()).statusCode())
                .isEqualTo(401);
        // nothing of it outside /api, where no login rule would apply
        for (String elsewhere : new String[]{"/v3/api-docs", "/swagger-ui/index.html", "/swagger-ui.html"}) {
            assertThat(send(HttpRequest.newBuilder(uri(elsewhere)).GET().build()).statusCode()).as(elsewhere).isEqualTo(404);
        }

        HttpResponse<String> description = get("/api/openapi", "integration");
        assertThat(description.statusCode()).as(description.body()).isEqualTo(200);
        JsonNode paths = read(description.body()).path("paths");
        assertThat(paths.has("/api/triggers")).isTrue();
        assertThat(paths.has("/api/outcomes/batch")).isTrue();
        assertThat(paths.has("/api/results")).isTrue();
        assertThat(paths.has("/api/campaigns/{id}/audit/verification")).isTrue();
        assertThat(paths.has("/api/scorecard")).isTrue();
        // only CampaignPilot's API: not the actuator, not Camunda's engine REST (which has its own reference)
        assertThat(paths.fieldNames()).toIterable().allMatch(path -> path.startsWith("/api/"));
        assertThat(paths.has("/api/openapi")).isFalse();

        HttpResponse<String> ui = get("/api/docs/swagger-ui/index.html", "ada");
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
        HttpResponse<String> config = get("/api/openapi/swagger-config", "ada");
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).contains("/api/openapi");
    }
}
