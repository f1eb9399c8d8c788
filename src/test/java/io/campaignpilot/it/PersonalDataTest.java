package io.campaignpilot.it;

import io.campaignpilot.engine.ProcessNames;
import com.fasterxml.jackson.databind.JsonNode;
import io.campaignpilot.audit.AuditLog;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Personal data: nobody reads a recipient's address through the API, a refused email names the customer by id only,
 * and an erasure request leaves no trace of the customer's address anywhere while every campaign count stays put.
 */
class PersonalDataTest extends ApiTestBase {
    private static final String EMAIL = "^[^•@\\s]•••@customers\\.example$";
    private static final String PHONE = "^\\+44•+\\d\\d$";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog audit;

    @Test
    void auditorsSeeMaskedAddressesAndAnErasedCustomerLeavesNoTraceButTheCounts() {
        String campaignId = trigger();
        approve(campaignId);
        awaitStatus(campaignId, "PUBLISHED");

        // an auditor sees every delivery, each with a masked address, and no full address anywhere
        HttpResponse<String> view = get("/api/campaigns/" + campaignId, "ada");
        HttpResponse<String> deliveries = get("/api/campaigns/" + campaignId + "/deliveries", "ada");
        assertThat(deliveries.statusCode()).isEqualTo(200);
        for (JsonNode delivery : read(deliveries.body())) {
            assertThat(delivery.path("address").asText()).as(delivery.toString())
                    .matches("email".equals(delivery.path("channel").asText()) ? EMAIL : PHONE);
        }
        List<String> recipientAddresses = jdbc.sql("""
                select c.email, c.phone from delivery d join customer c on c.id = d.customer_id where d.campaign_id = ?""")
                .param(campaignId).query((rs, i) -> List.of(rs.getString(1), rs.getString(2))).list()
                .stream().flatMap(List::stream).toList();
        assertThat(recipientAddresses).isNotEmpty();
        for (String address : recipientAddresses) {
            assertThat(view.body()).doesNotContain(address);
            assertThat(deliveries.body()).doesNotContain(address);
        }

        // a customer who got both the email and the SMS
        long customer = jdbc.sql("""
                select customer_id from delivery where campaign_id = ? group by customer_id
                order by count(*) desc, customer_id""").param(campaignId).query(Long.class).list().getFirst();
        String email = jdbc.sql("select email from customer where id = ?").param(customer).query(String.class).single();
        String phone = jdbc.sql("select phone from customer where id = ?").param(customer).query(String.class).single();
        List<String> statuses = deliveryStatuses(customer);

        // the address also reached places people write to: a process owner's note on the campaign's running
        // measurement in Cockpit, an incident and an audit detail from before addresses were kept out of them, and a
        // dispatcher's outbox message
        RuntimeService runtime = engine.getRuntimeService();
        String processInstanceId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(campaignId)
                .processDefinitionKey(ProcessNames.MEASUREMENT).singleResult().getId();
        runtime.setVariable(processInstanceId, "bounceNote", "mailbox full: " + email);
        String waiting = runtime.getActivityInstance(processInstanceId).getChildActivityInstances()[0].getExecutionIds()[0];
        runtime.createIncident("bounce", waiting, null, "bounce from " + email);
        audit.record(campaignId, "owen", "BOUNCE", Map.of("note", "bounce from " + email + ", texted " + phone));
        jdbc.sql("insert into outbox_message (campaign_id, channel, payload, created_at) values (?, 'sms', ?, ?)")
                .params(campaignId, """
                        {"campaignId": "%s", "customerId": %d, "to": "%s", "firstName": "Amelia", "text": "Hi Amelia"}"""
                        .formatted(campaignId, customer, phone), Timestamp.from(Instant.now())).update();
        HttpResponse<String> viewWithNotes = get("/api/campaigns/" + campaignId, "ada");
        assertThat(viewWithNotes.body()).doesNotContain(email, phone)
                .contains("bounce from " + email.charAt(0) + "•••@customers.example");

        JsonNode countsBefore = counts(campaignId);

        // erasure is for the data protection roles, not for auditors
        assertThat(delete("/api/customers/" + customer + "/personal-data", "ada").statusCode()).isEqualTo(403);
        HttpResponse<String> erased = delete("/api/customers/" + customer + "/personal-data", "admin");
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        JsonNode report = read(erased.body());
        assertThat(report.path("status").asText()).isEqualTo("ERASED");
        assertThat(report.path("rows").path("customer").asInt()).isEqualTo(1);
        assertThat(report.path("rows").path("delivery").asInt()).isEqualTo(statuses.size());
        assertThat(report.path("rows").path("outbox_message").asInt()).isEqualTo(1);
        assertThat(report.path("rows").path("audit_event").asInt()).isEqualTo(1);
        assertThat(report.path("engineRecords").path("runningVariables").asInt()).isEqualTo(1);
        assertThat(report.path("engineRecords").path("incidents").asInt()).isEqualTo(2);
        assertThat(erased.body()).doesNotContain(email, phone);
        // the campaign's audit trail is a hash chain: the erasure's redaction is named, not taken for tampering
        JsonNode chain = read(get("/api/campaigns/" + campaignId + "/audit/verification", "ada").body());
        assertThat(chain.path("intact").asBoolean()).as(chain.toString()).isTrue();
        assertThat(chain.path("redacted").size()).isEqualTo(1);
        JsonNode system = read(get("/api/campaigns/system/audit/verification", "ada").body());
        assertThat(system.path("intact").asBoolean()).as(system.toString()).isTrue();

        // the customer row keeps its id, loses everything personal, and is never contacted again
        Map<String, Object> row = jdbc.sql("select * from customer where id = ?").param(customer).query().singleRow();
        assertThat(row.get("EMAIL")).isNull();
        assertThat(row.get("PHONE")).isNull();
        assertThat(row.get("FIRST_NAME")).isNull();
        assertThat(row.get("SEGMENT")).isNull();
        assertThat(row.get("ERASED_AT")).isNotNull();
        assertThat(List.of(row.get("CONSENT_EMAIL"), row.get("CONSENT_SMS"), row.get("CONSENT_PUSH"), row.get("CONSENT_WEB"),
                row.get("CONSENT_SOCIAL"))).containsOnly(false);
        // deliveries keep their status, only the address goes
        assertThat(deliveryStatuses(customer)).isEqualTo(statuses);
        assertThat(jdbc.sql("select distinct address from delivery where customer_id = ?").param(customer)
                .query(String.class).list()).containsExactly("erased");
        JsonNode outbox = read(jdbc.sql("select payload from outbox_message where campaign_id = ? and payload like ?")
                .params(campaignId, "%\"customerId\":" + customer + "%").query(String.class).single());
        assertThat(outbox.path("to").asText()).isEqualTo("erased");
        assertThat(outbox.path("firstName").asText()).isEqualTo("erased");

        for (String value : List.of(email, phone)) {
            for (String table : List.of("customer c", "delivery c", "outbox_message c", "audit_event c", "campaign c")) {
                String columns = switch (table) {
                    case "customer c" -> "coalesce(c.email, '') || coalesce(c.phone, '')";
                    case "delivery c" -> "c.address";
                    case "outbox_message c" -> "c.payload";
                    case "audit_event c" -> "c.detail";
                    default -> "coalesce(c.objective, '') || coalesce(c.end_reason, '')";
                };
                assertThat(jdbc.sql("select count(*) from " + table + " where " + columns + " like ?")
                        .param("%" + value + "%").query(Integer.class).single()).as(table).isZero();
            }
            assertNotInEngine(value);
        }
        assertThat(runtime.getVariable(processInstanceId, "bounceNote")).isEqualTo("mailbox full: erased");

        // every count the campaign reports is what it was
        assertThat(counts(campaignId)).isEqualTo(countsBefore);

        // auditors see that and when it happened, and by whom, without the data
        JsonNode trail = read(get("/api/campaigns/" + campaignId, "ada").body()).path("audit");
        JsonNode entry = null;
        for (JsonNode e : trail) {
            if ("PERSONAL_DATA_ERASED".equals(e.path("kind").asText())) {
                entry = e;
            }
        }
        assertThat(entry).as(trail.toString()).isNotNull();
        assertThat(entry.path("actor").asText()).isEqualTo("admin");
        assertThat(entry.path("detail").asText()).contains("\"customerId\":" + customer);
        String systemDetail = jdbc.sql("select detail from audit_event where campaign_id = 'system' and kind = "
                + "'PERSONAL_DATA_ERASED' and detail like ?").param("%\"customerId\":" + customer + ",%")
                .query(String.class).single();
        assertThat(systemDetail).contains("\"delivery\":" + statuses.size(), "\"incidents\":2").doesNotContain(email, phone);

        // a repeated request is answered, and changes nothing
        HttpResponse<String> again = delete("/api/customers/" + customer + "/personal-data", "admin");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(read(again.body()).path("status").asText()).isEqualTo("ALREADY_ERASED");
        assertThat(read(again.body()).path("erasedAt").asText()).isEqualTo(report.path("erasedAt").asText());

        assertThat(delete("/api/customers/99999999/personal-data", "admin").statusCode()).isEqualTo(404);
        HttpResponse<String> malformed = delete("/api/customers/seventeen/personal-data", "admin");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(read(malformed.body()).path("errors").get(0).path("field").asText()).isEqualTo("id");
        assertThat(delete("/api/customers/0/personal-data", "admin").statusCode()).isEqualTo(400);
    }

    @Test
    void aRefusedEmailNamesTheCustomerNeverTheAddress() {
        String campaignId = trigger();
        awaitTask("mary", campaignId);
        // a typo in the CRM: the mail library refuses the address and quotes it in its exception. The member is one no
        // other campaign of the shared context wants, if there is one: another could win them in arbitration (then
        // this campaign records nothing for them) or reach them first up to the frequency cap
        long customer = jdbc.sql("""
                select c.id from audience_member a join customer c on c.id = a.customer_id
                where a.campaign_id = ? and a.holdout = false and a.arbitrated_to is null and c.consent_email = true
                order by (select count(*) from audience_member o where o.customer_id = c.id
                          and o.campaign_id <> a.campaign_id), c.id""")
                .param(campaignId).query(Long.class).list().getFirst();
        String typo = jdbc.sql("select email from customer where id = ?").param(customer).query(String.class).single()
                .replace("@", "@@");
        String localPart = typo.substring(0, typo.indexOf('@'));
        jdbc.sql("update customer set email = ? where id = ?").params(typo, customer).update();

        approve(campaignId);
        awaitStatus(campaignId, "PUBLISHED");

        // the one refused address is skipped with the reason, naming the customer and never the address; the rest went
        Map<String, Object> refused = jdbc.sql("select status, reason from delivery where campaign_id = ? and customer_id = ?"
                        + " and channel = 'email'").params(campaignId, customer).query().singleRow();
        assertThat(refused.get("STATUS")).isEqualTo("SKIPPED");
        assertThat((String) refused.get("REASON")).startsWith("email to customer " + customer + " was not sent: AddressException")
                .doesNotContain(localPart);
        assertThat(jdbc.sql("select count(*) from delivery where campaign_id = ? and channel = 'email' and status = 'SENT'")
                .param(campaignId).query(Integer.class).single()).isPositive();
        JsonNode view = campaign(campaignId);
        assertThat(view.path("incidents")).isEmpty();
        assertThat(view.toString()).doesNotContain(localPart);
        HttpResponse<String> deliveries = get("/api/campaigns/" + campaignId + "/deliveries", "ada");
        assertThat(deliveries.body()).contains("email to customer " + customer + " was not sent").doesNotContain(localPart);
        assertThat(jdbc.sql("select count(*) from audit_event where detail like ?").param("%" + localPart + "%")
                .query(Integer.class).single()).isZero();
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(campaignId).list())
                .allSatisfy(pi -> assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId())
                        .count()).isZero());

        // the data protection officer erases the broken record: the skipped delivery keeps its status and reason
        assertThat(delete("/api/customers/" + customer + "/personal-data", "admin").statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select status || ' ' || address from delivery where campaign_id = ? and customer_id = ?")
                .params(campaignId, customer).query(String.class).list()).containsOnly("SKIPPED erased");
        assertThat(jdbc.sql("select count(*) from delivery where address = ?").param(typo).query(Integer.class).single())
                .isZero();
    }

    private String trigger() {
        String event = """
                {"eventId": "pii-%s", "type": "OVERSTOCK", "occurredAt": "2026-11-20T09:00:00Z",
                 "skus": ["HP-OUT-004"], "region": "south", "discountPercent": 20, "channels": ["email", "sms"]}"""
                .formatted(UUID.randomUUID());
        HttpResponse<String> created = post("/api/triggers", "integration", event);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return read(created.body()).path("campaignId").asText();
    }

    private void approve(String campaignId) {
        String taskId = awaitTask("mary", campaignId).path("id").asText();
        assertThat(post("/engine-rest/task/" + taskId + "/claim", "mary", "{\"userId\": \"mary\"}").statusCode()).isEqualTo(204);
        HttpResponse<String> completed = post("/engine-rest/task/" + taskId + "/submit-form", "mary",
                "{\"variables\": {\"marketingDecision\": {\"value\": \"approve\"}, \"marketingComment\": {\"value\": \"ok\"}}}");
        assertThat(completed.statusCode()).as(completed.body()).isIn(200, 204);
    }

    private void awaitStatus(String campaignId, String status) {
        CampaignPilotTestSupport.await("campaign " + campaignId + " " + status, Duration.ofSeconds(120),
                () -> status.equals(campaign(campaignId).path("campaign").path("status").asText()));
    }

    /** Deliveries per channel, audience sizes and outbox messages, as the campaign reports them. */
    private JsonNode counts(String campaignId) {
        JsonNode view = campaign(campaignId);
        Map<String, Object> counts = Map.of(
                "deliveriesByChannel", view.path("deliveriesByChannel"),
                "deliveries", read(get("/api/campaigns/" + campaignId + "/deliveries", "ada").body()).size(),
                "audience", jdbc.sql("select holdout, count(*) from audience_member where campaign_id = ? group by holdout")
                        .param(campaignId).query().listOfRows().toString(),
                "outbox", jdbc.sql("select count(*) from outbox_message where campaign_id = ?").param(campaignId)
                        .query(Integer.class).single());
        return json.valueToTree(counts);
    }

    private List<String> deliveryStatuses(long customer) {
        return jdbc.sql("select campaign_id || ' ' || channel || ' ' || status || ' ' || variant_no from delivery "
                + "where customer_id = ? order by id").param(customer).query(String.class).list();
    }

    private void assertNotInEngine(String value) {
        HistoryService history = engine.getHistoryService();
        for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery().list()) {
            assertThat(String.valueOf(v.getValue())).as(v.getName()).doesNotContain(value);
        }
        for (HistoricDetail d : history.createHistoricDetailQuery().variableUpdates().list()) {
            assertThat(String.valueOf(((HistoricVariableUpdate) d).getValue())).doesNotContain(value);
        }
        for (HistoricIncident i : history.createHistoricIncidentQuery().list()) {
            assertThat(String.valueOf(i.getIncidentMessage())).doesNotContain(value);
        }
        for (Incident i : engine.getRuntimeService().createIncidentQuery().list()) {
            assertThat(String.valueOf(i.getIncidentMessage())).doesNotContain(value);
        }
        for (HistoricJobLog log : history.createHistoricJobLogQuery().failureLog().list()) {
            assertThat(String.valueOf(log.getJobExceptionMessage())).doesNotContain(value);
        }
    }

    private HttpResponse<String> delete(String path, String user) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user)).DELETE().build());
    }
}
