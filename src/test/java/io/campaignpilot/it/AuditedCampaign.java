package io.campaignpilot.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.engine.ProcessNames;
import io.campaignpilot.measurement.MeasurementService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.ApplicationContext;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A campaign an auditor examines, run the real way once per database: an overstock trigger for email and SMS, mary's
 * marketing review with a comment, published through the outbox, then measured (the measurement process stays
 * waiting for its window, so Cockpit still shows a running instance of the campaign).
 */
final class AuditedCampaign {
    static final String TITLE = "Waterproof picnic blankets for spring outings";
    static final String REVIEW_COMMENT = "On brand, facts checked against the catalog";
    private static final String EVENT = "audit-fixture-published";

    private AuditedCampaign() {
    }

    /** The campaign's id, published and measured. */
    static synchronized String publishedAndMeasured(ApiTestBase test, ApplicationContext context) {
        CampaignRepository campaigns = context.getBean(CampaignRepository.class);
        var existing = campaigns.findByTriggerEvent(EVENT);
        if (existing.isPresent() && context.getBean(MeasurementService.class).find(existing.get().id())
                .map(m -> m.measuredAt() != null).orElse(false)) {
            return existing.get().id();
        }
        HttpResponse<String> created = test.post("/api/triggers", "integration", """
                {"eventId": "%s", "type": "OVERSTOCK", "occurredAt": "2026-11-20T09:00:00Z", "title": "%s",
                 "skus": ["HP-OUT-004"], "region": "south", "discountPercent": 20, "channels": ["email", "sms"]}"""
                .formatted(EVENT, TITLE));
        assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
        String id = test.read(created.body()).path("campaignId").asText();

        JsonNode task = test.awaitTask("mary", id);
        String taskId = task.path("id").asText();
        assertThat(test.post("/engine-rest/task/" + taskId + "/claim", "mary", "{\"userId\": \"mary\"}").statusCode())
                .isEqualTo(204);
        HttpResponse<String> approved = test.post("/engine-rest/task/" + taskId + "/submit-form", "mary",
                "{\"variables\": {\"marketingDecision\": {\"value\": \"approve\"}, \"marketingComment\": {\"value\": \""
                        + REVIEW_COMMENT + "\"}}}");
        assertThat(approved.statusCode()).as(approved.body()).isIn(200, 204);
        CampaignPilotTestSupport.await("campaign " + id + " published", Duration.ofSeconds(120),
                () -> "PUBLISHED".equals(test.campaign(id).path("campaign").path("status").asText()));
        CampaignPilotTestSupport.await("measurement of " + id + " waiting for its window", Duration.ofSeconds(30),
                () -> measurementInstance(test, id) != null);
        // measured now, as if the window had closed; its process keeps waiting on the timer
        context.getBean(MeasurementService.class).measure(id);
        return id;
    }

    /** The running measurement process of the campaign, which Cockpit (community edition) can still open. */
    static ProcessInstance measurementInstance(ApiTestBase test, String campaignId) {
        return test.engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(ProcessNames.MEASUREMENT).processInstanceBusinessKey(campaignId).singleResult();
    }
}
