package io.campaignpilot.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignpilot.audience.ControlGroup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model registry over the API: readers read it, process owners retrain, integrations do neither. A trigger that
 * names its customers gets exactly them as its audience, and a wrong name is a 400 that says which and why.
 */
class TargetingApiTest extends ApiTestBase {
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ControlGroup controlGroup;

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

    @Test
    void aSecondTrainingWhileOneRunsAnywhereInTheClusterIsRefused() {
        // another node (or the nightly run) holds the training's cluster lock
        Timestamp now = Timestamp.from(Instant.now());
        Timestamp later = Timestamp.from(Instant.now().plusSeconds(600));
        if (jdbc.sql("update shedlock set lock_until = ?, locked_at = ?, locked_by = 'node-b' where name = "
                + "'propensity-training'").params(later, now).update() == 0) {
            jdbc.sql("insert into shedlock (name, lock_until, locked_at, locked_by) values "
                    + "('propensity-training', ?, ?, 'node-b')").params(later, now).update();
        }
        try {
            HttpResponse<String> refused = post("/api/targeting/models/train", "owen", "");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(refused.body()).contains("being trained right now");
        } finally {
            // node B's training is over
            jdbc.sql("update shedlock set lock_until = ? where name = 'propensity-training'")
                    .param(Timestamp.from(Instant.now().minusSeconds(1))).update();
        }
        assertThat(post("/api/targeting/models/train", "owen", "").statusCode()).isEqualTo(200);
    }

    @Test
    void aTriggerThatNamesItsCustomersReachesExactlyThemAndAWrongNameIsRefused() {
        String segment = "named-" + UUID.randomUUID().toString().substring(0, 6);
        CampaignFixtures fixtures = new CampaignFixtures(context);
        List<Long> east = fixtures.customers("east", segment, 5, "Nia", "Owen");
        long west = fixtures.customers("west", segment, 1, "Wyn").getFirst();

        HttpResponse<String> refused = post("/api/triggers", "integration", trigger("east", "\"segment\": \"foodies\", ",
                "[%d, 999999999, %d, null]".formatted(east.get(0), west)));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode errors = read(refused.body()).path("errors");
        assertThat(errors.toString()).contains("\"customers[1]\"", "unknown customer 999999999",
                "\"customers[2]\"", "customer " + west + " is in the west, not the east", "\"customers[3]\"", "is empty",
                "\"segment\"", "give a segment or name customers, not both");
        assertThat(errors.toString()).doesNotContain("customers[0]");

        HttpResponse<String> created = post("/api/triggers", "integration", trigger("east", "",
                east.toString().replace(" ", "")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String campaignId = read(created.body()).path("campaignId").asText();
        CampaignPilotTestSupport.await("the named audience", Duration.ofMinutes(2),
                () -> campaign(campaignId).path("targeting").hasNonNull("targeting"));
        // the named customers, less those the global control group holds back this period (the program's own measure)
        ControlGroup.Period period = controlGroup.current();
        assertThat(jdbc.sql("select customer_id from audience_member where campaign_id = ? order by customer_id")
                .param(campaignId).query(Long.class).list())
                .containsExactlyElementsOf(east.stream().filter(id -> !period.holdsBack(id)).toList());
        assertThat(campaign(campaignId).path("targeting").path("targeting").asText()).isEqualTo("NAMED");
        // the auditor's evidence says how the audience was chosen
        JsonNode audit = read(get("/api/campaigns/" + campaignId + "/audit-package", "ada").body());
        assertThat(audit.path("timeline").findValuesAsText("summary")).anySatisfy(summary -> assertThat(summary)
                .startsWith("Audience selected: ").contains("; named: the trigger named 5 customers"));
    }

    private static String trigger(String region, String segment, String customers) {
        return """
                {"eventId": "it-named-%s", "type": "LOYALTY_MILESTONE", "occurredAt": "2026-11-20T09:00:00Z",
                 "skus": ["HP-GRO-001"], "region": "%s", %s"channels": ["email"], "customers": %s}"""
                .formatted(UUID.randomUUID(), region, segment, customers);
    }
}
