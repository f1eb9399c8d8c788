package io.campaignpilot.it;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The model registry over the API: readers read it, process owners retrain, integrations do neither. */
class TargetingApiTest extends ApiTestBase {

    @Test
    void auditorsReadTheModelsAndProcessOwnersRetrainThem() {
        assertThat(get("/api/targeting/models", "ada").statusCode()).isEqualTo(200);
        assertThat(read(get("/api/targeting/models", "ada").body()).isArray()).isTrue();
        assertThat(get("/api/targeting/models", "integration").statusCode()).isEqualTo(403);
        assertThat(post("/api/targeting/models/train", "ada", "").statusCode()).isEqualTo(403);
        // the test profile's customers have no order history: nothing to learn from, so no model and the rule stays
        var trained = post("/api/targeting/models/train", "owen", "");
        assertThat(trained.statusCode()).isEqualTo(200);
        assertThat(read(trained.body()).isArray()).isTrue();
        assertThat(read(trained.body())).isEmpty();
    }
}
