package io.campaignpilot.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.engine.ProcessNames;
import io.campaignpilot.ui.NodeTools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proof for auditors, in headless Chromium: ada opens a finished (published and measured) campaign in
 * Cockpit's Campaigns, reads its trail's check, reviewers, deliveries and evidence timeline, exports the audit package
 * (the downloaded JSON and CSV are checked), finds no control to change anything on Cockpit's own pages of the
 * campaign's process (an administrator does, on the same page), and sees a tampered trail reported as broken at the
 * entry that was changed. Screenshots: target/screenshots/evidence-*.png.
 */
class EvidenceBrowserTest extends ApiTestBase {
    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void browser() {
        NodeTools.require(NodeTools.HOME.resolve("node_modules/playwright-core"), NodeTools.CHROMIUM);
    }

    @Test
    void theAuditorExaminesAFinishedCampaignAndExportsItsAuditPackage() throws Exception {
        String id = AuditedCampaign.publishedAndMeasured(this, context);
        String lifecycle = context.getBean(CampaignRepository.class).find(id).orElseThrow().processInstanceId();
        String measurement = AuditedCampaign.measurementInstance(this, id).getId();
        String definition = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(ProcessNames.LIFECYCLE).latestVersion().singleResult().getId();
        Tampered tampered = tamperedCampaign();

        JsonNode seen = open(Map.of("CAMPAIGN_TITLE", AuditedCampaign.TITLE, "RUNNING_INSTANCE", measurement,
                "FINISHED_INSTANCE", lifecycle, "DEFINITION", definition, "TAMPERED_ID", tampered.campaignId()));
        assertThat(seen.path("problems")).as("failed requests or script errors").isEmpty();

        // the list has finished campaigns with their title, trigger, tier, status and dates
        assertThat(seen.path("listRow").asText()).contains(AuditedCampaign.TITLE, "Published", "Overstock");
        assertThat(seen.path("listHeader").asText()).contains("Status", "Risk", "Trigger", "Registered");

        JsonNode evidence = seen.path("evidence");
        assertThat(evidence.path("title").asText()).isEqualTo(AuditedCampaign.TITLE);
        assertThat(evidence.path("intact").asText()).isEqualTo("true");
        assertThat(evidence.path("chain").asText()).contains("Audit trail intact", "entries checked", "Head of the chain");
        assertThat(evidence.path("reviewers").asText()).contains("mary approved", "Marketing review", AuditedCampaign.REVIEW_COMMENT);
        assertThat(evidence.path("deliveries").asText()).contains("Email", "SMS", "Sent");
        assertThat(evidence.path("copy").asText()).contains("Email · variant 1", "SMS · variant 1", "subject: ", "text: ",
                "grounded generator", " v");
        assertThat(evidence.path("kinds").toString()).contains("Trigger", "Audience", "Sources", "Model call", "Variant",
                "Rule decision", "Review", "Delivery", "Measurement", "End");
        assertThat(evidence.path("text").asText()).contains("Overstock event audit-fixture-published",
                "customers to contact", "approved sources retrieved", "rules version", "Measured against the holdout")
                .doesNotContain("@customers.example");
        assertThat(evidence.path("reviewsOnly").toString()).contains("Review").doesNotContain("Model call");
        assertThat(evidence.path("buttons").asInt()).isZero();
        assertThat(evidence.path("changeLinks").asInt()).isZero();

        // the downloads are the server's package: the JSON whole, the CSV one row per event
        JsonNode json = seen.path("downloads").path("json");
        assertThat(json.path("filename").asText()).isEqualTo("campaign-" + id + "-audit-package.json");
        JsonNode pack = read(json.path("text").asText());
        assertThat(pack.path("campaign").path("id").asText()).isEqualTo(id);
        assertThat(pack.path("exportedBy").asText()).isEqualTo("ada");
        assertThat(pack.path("verification").path("intact").asBoolean()).isTrue();
        assertThat(pack.path("timeline").size()).isEqualTo(evidence.path("events").asInt());
        assertThat(pack.path("reviewDecisions").get(0).path("reviewer").asText()).isEqualTo("mary");
        JsonNode csv = seen.path("downloads").path("csv");
        assertThat(csv.path("filename").asText()).isEqualTo("campaign-" + id + "-audit-package.csv");
        List<List<String>> rows = AuditPackageTest.csvRows(csv.path("text").asText());
        assertThat(rows.getFirst()).containsExactly("time", "kind", "actor", "summary", "details");
        assertThat(rows).hasSize(pack.path("timeline").size() + 1);
        assertThat(rows).anyMatch(r -> "Review".equals(r.get(1)) && "mary".equals(r.get(2)));
        assertThat(csv.path("text").asText()).doesNotContain("@customers.example");

        // Cockpit's own pages: the controls are drawn for the administrator and hidden from the auditor
        JsonNode adminSaw = seen.path("adminInstance");
        assertThat(adminSaw.path("readOnly").asBoolean()).isFalse();
        assertThat(adminSaw.path("variableEdit").path("visible").asInt()).as(adminSaw.toString()).isPositive();
        assertThat(adminSaw.path("variableDelete").path("visible").asInt()).isPositive();
        assertThat(adminSaw.path("toolbarActions").path("visible").asInt()).isPositive();
        for (String view : new String[]{"instance", "finished", "definition"}) {
            JsonNode controls = seen.path(view);
            assertThat(controls.path("readOnly").asBoolean()).as(view + ": " + controls).isTrue();
            controls.fields().forEachRemaining(f -> {
                if (f.getValue().has("visible")) {
                    assertThat(f.getValue().path("visible").asInt()).as(view + " " + f.getKey() + ": " + controls).isZero();
                }
            });
        }
        assertThat(seen.path("instance").path("variableEdit").path("present").asInt()).as("the table drew them, hidden")
                .isPositive();
        assertThat(seen.path("instance").path("variablesShown").asInt()).as("she still reads the variables").isPositive();

        // the tampered trail, named where it broke
        JsonNode broken = seen.path("tampered");
        assertThat(broken.path("intact").asText()).isEqualTo("false");
        assertThat(broken.path("chain").asText()).contains("Audit trail broken", "Entry 2 (Deliveries recorded, record "
                + tampered.entryId() + "): its detail was changed");
    }

    record Tampered(String campaignId, long entryId) {
    }

    /** A campaign whose second trail entry was changed in the database after it was written. */
    private Tampered tamperedCampaign() {
        String id = new CampaignFixtures(context).campaign(CampaignFixtures.region("ui-tamper"), null,
                CampaignFixtures.email("Lanterns", "Lanterns for the garden"));
        AuditLog audit = context.getBean(AuditLog.class);
        audit.record(id, "process", "PROCESS_STARTED", Map.of("processInstanceId", "none"));
        audit.record(id, "publishing", "DELIVERIES_RECORDED", Map.of("channel", "email", "newDeliveries", 12));
        audit.record(id, "process", "CAMPAIGN_ENDED", Map.of("status", "PUBLISHED", "reason", "published to email"));
        long entry = jdbc.sql("select id from audit_event where campaign_id = ? and kind = 'DELIVERIES_RECORDED'")
                .param(id).query(Long.class).single();
        jdbc.sql("update audit_event set detail = ? where id = ?").params("{\"channel\":\"email\",\"newDeliveries\":2}", entry)
                .update();
        return new Tampered(id, entry);
    }

    private JsonNode open(Map<String, String> settings) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.putAll(Map.of(
                "BASE_URL", "http://127.0.0.1:" + port,
                "USER_NAME", "ada",
                "PASSWORD", PASSWORD,
                "ADMIN_USER", "admin",
                "ADMIN_PASSWORD", PASSWORD,
                "CHROMIUM", NodeTools.CHROMIUM.toString(),
                "SCREENSHOTS", Path.of("target/screenshots").toAbsolutePath().toString()));
        NodeTools.Result run = NodeTools.node(all, 240, "evidence-view.mjs");
        assertThat(run.exitCode()).as(run.output()).isZero();
        return json.readTree(run.output().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());
    }
}
