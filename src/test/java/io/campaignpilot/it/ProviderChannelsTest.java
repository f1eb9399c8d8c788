package io.campaignpilot.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.dev.EmbeddedWebhooks;
import io.campaignpilot.dev.EmbeddedWebhooks.Received;
import io.campaignpilot.publishing.ChannelDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMS and paid social on the running application: an SMS campaign reaches the provider's webhook (which checks every
 * signature) once per recipient and ends SENT; its social audience file holds exactly the consenting treatment
 * recipients, hashed, and only those who upload it may download it.
 */
class ProviderChannelsTest extends ApiTestBase {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ChannelDispatcher dispatcher;

    @Autowired
    ApplicationContext context;

    @Test
    void anSmsAndSocialCampaignReachesTheProviderSignedOnceEachAndExportsItsAudienceHashed() throws Exception {
        EmbeddedWebhooks provider = EmbeddedWebhooks.shared();
        int refusedBefore = provider.refused();
        String campaignId = trigger("west", "outdoor-enthusiasts");
        awaitPublished(campaignId);

        // SMS: every delivery SENT, and one accepted, signed message per delivery at the provider
        Map<String, String> smsDeliveries = jdbc.sql("""
                        select d.idempotency_key, c.phone from delivery d join customer c on c.id = d.customer_id
                        where d.campaign_id = ? and d.channel = 'sms'""").param(campaignId)
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(smsDeliveries).isNotEmpty();
        assertThat(jdbc.sql("select distinct status from delivery where campaign_id = ? and channel = 'sms'")
                .param(campaignId).query(String.class).list()).containsExactly("SENT");
        List<Received> ours = provider.received().stream().filter(r -> r.idempotencyKey().startsWith(campaignId + ":")).toList();
        assertThat(ours).allSatisfy(r -> assertThat(r.path()).isEqualTo("sms"));
        assertThat(ours.stream().filter(r -> r.status() == 200)
                .collect(Collectors.groupingBy(Received::idempotencyKey, Collectors.counting())))
                .as("one accepted message per delivery").isEqualTo(smsDeliveries.keySet().stream()
                        .collect(Collectors.toMap(k -> k, k -> 1L)));
        assertThat(provider.refused()).as("no message with a bad signature").isEqualTo(refusedBefore);
        for (Received message : ours) {
            JsonNode body = read(message.body());
            assertThat(body.path("idempotencyKey").asText()).isEqualTo(message.idempotencyKey());
            assertThat(body.path("to").asText()).isEqualTo(smsDeliveries.get(message.idempotencyKey()));
            assertThat(body.path("text").asText()).isNotBlank().doesNotContain("{{");
        }

        // paid social: the file holds exactly the recipients exported, each a treatment customer who consents
        HttpResponse<String> export = get("/api/campaigns/" + campaignId + "/audience-export", "mary");
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        List<String> lines = export.body().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("Email,Phone");
        List<String> rows = lines.subList(1, lines.size());
        List<Map<String, Object>> exported = jdbc.sql("""
                        select c.email, c.phone, c.consent_social, a.holdout, d.reason from delivery d
                        join customer c on c.id = d.customer_id
                        join audience_member a on a.campaign_id = d.campaign_id and a.customer_id = d.customer_id
                        where d.campaign_id = ? and d.channel = 'social' and d.status = 'SENT'""")
                .param(campaignId).query().listOfRows();
        assertThat(exported).isNotEmpty().allSatisfy(r -> {
            assertThat(r.get("CONSENT_SOCIAL")).isEqualTo(true);
            assertThat(r.get("HOLDOUT")).isEqualTo(false);
            assertThat((String) r.get("REASON")).isEqualTo("exported to audience file audience-" + campaignId + ".csv");
        });
        assertThat(rows).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(exported.stream().map(r -> row(r.get("EMAIL"), r.get("PHONE"))).toList());
        assertThat(jdbc.sql("select count(*) from delivery where campaign_id = ? and channel = 'social' and status <> 'SENT'")
                .param(campaignId).query(Integer.class).single()).isZero();

        // nobody in the holdout, whatever their consent
        List<Map<String, Object>> holdout = jdbc.sql("""
                        select c.email, c.phone from audience_member a join customer c on c.id = a.customer_id
                        where a.campaign_id = ? and a.holdout = true""").param(campaignId).query().listOfRows();
        assertThat(holdout).isNotEmpty();
        Set<String> hashes = new HashSet<>();
        rows.forEach(r -> hashes.addAll(List.of(r.split(",", -1))));
        for (Map<String, Object> member : holdout) {
            assertThat(hashes).doesNotContain(row(member.get("EMAIL"), member.get("PHONE")).split(",")[0]);
        }
        assertThat(export.body()).doesNotContain("@", "+44", "customers.example");

        // hashed contact details are still personal data: auditors, legal and integrators do not download them
        for (String user : List.of("ada", "lena", "owen", "integration")) {
            assertThat(get("/api/campaigns/" + campaignId + "/audience-export", user).statusCode()).as(user).isEqualTo(403);
        }
        assertThat(get("/api/campaigns/" + campaignId + "/audience-export", "leo").statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select actor from audit_event where campaign_id = ? and kind = 'AUDIENCE_EXPORT_DOWNLOADED'")
                .param(campaignId).query(String.class).list()).containsExactlyInAnyOrder("mary", "leo");
    }

    @Test
    void anSmsWhoseSendWasInterruptedIsSentAgainWithTheSameIdempotencyKey() {
        String campaignId = trigger("south", "foodies");
        awaitPublished(campaignId);
        // a dispatcher died an hour ago between sending an SMS and recording it: did the provider get it or not?
        // the customer is one of the test's own, so no other campaign's sends or the random holdout decide who is left
        long customer = new CampaignFixtures(context).customers(CampaignFixtures.region("it-sms"), 1, "Sam").getFirst();
        jdbc.sql("insert into audience_member (campaign_id, customer_id, holdout) values (?, ?, false)")
                .params(campaignId, customer).update();
        String key = campaignId + ":sms:" + customer;
        Timestamp anHourAgo = Timestamp.from(Instant.now().minus(Duration.ofHours(1)));
        jdbc.sql("""
                insert into delivery (campaign_id, channel, customer_id, address, status, variant_no, created_at,
                    idempotency_key, attempts, claimed_by, claimed_at) values (?, 'sms', ?, 'x', 'SENDING', 1, ?, ?, 1, ?, ?)""")
                .params(campaignId, customer, anHourAgo, key, "dispatcher-that-died", anHourAgo).update();

        ChannelDispatcher.Turn turn = dispatcher.dispatch(campaignId, Channel.SMS, "test", () -> true);

        // the provider recognises a repeat by its Idempotency-Key, so asking again is safe: unlike email, not UNKNOWN
        assertThat(turn.done()).isTrue();
        assertThat(jdbc.sql("select status from delivery where idempotency_key = ?").param(key).query(String.class).single())
                .isEqualTo("SENT");
        assertThat(EmbeddedWebhooks.shared().received().stream().filter(r -> r.idempotencyKey().equals(key)).toList())
                .hasSize(1).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(jdbc.sql("select count(*) from audit_event where campaign_id = ? and kind = 'DELIVERIES_RECONCILED'")
                .param(campaignId).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aCampaignWithoutAnExportAnswers404SayingSo() {
        String campaignId = UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                insert into campaign (id, trigger_event_id, trigger_type, title, region, skus, discount_percent, channels,
                    status, created_by, created_at, updated_at) values (?, ?, 'OVERSTOCK', 'SMS only', 'west', 'HP-OUT-004',
                    10, 'sms', 'PUBLISHED', 'integration', ?, ?)""").params(campaignId, "it-no-export-" + campaignId, now, now)
                .update();

        HttpResponse<String> none = get("/api/campaigns/" + campaignId + "/audience-export", "mary");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(read(none.body()).path("message").asText()).isEqualTo("campaign " + campaignId
                + " has no audience export yet: it is written as the campaign is published to social");
        HttpResponse<String> unknown = get("/api/campaigns/no-such-campaign/audience-export", "mary");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(read(unknown.body()).path("message").asText()).isEqualTo("no campaign no-such-campaign");
    }

    /** The row the platform expects for a customer, computed here independently of the application. */
    private static String row(Object email, Object phone) {
        String digits = ((String) phone).replaceAll("[^0-9]", "");
        String e164 = ((String) phone).startsWith("+") ? "+" + digits : "+44" + digits.substring(1);
        return sha256(((String) email).strip().toLowerCase(Locale.ROOT)) + "," + sha256(e164);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String trigger(String region, String segment) {
        HttpResponse<String> created = post("/api/triggers", "integration", """
                {"eventId": "it-providers-%s", "type": "OVERSTOCK", "occurredAt": "2026-11-20T09:00:00Z",
                 "skus": ["HP-OUT-004"], "region": "%s", "segment": "%s", "discountPercent": 10,
                 "channels": ["sms", "social"]}""".formatted(UUID.randomUUID(), region, segment));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return read(created.body()).path("campaignId").asText();
    }

    /** Waits until the campaign is published, approving it when the rules sent it to a marketing review. */
    private void awaitPublished(String campaignId) {
        boolean[] approved = new boolean[1];
        CampaignPilotTestSupport.await("campaign " + campaignId + " published", Duration.ofMinutes(3), () -> {
            String status = campaign(campaignId).path("campaign").path("status").asText();
            assertThat(status).isIn("RUNNING", "PUBLISHED");
            if (!approved[0] && "RUNNING".equals(status)) {
                JsonNode tasks = read(get("/engine-rest/task?processInstanceBusinessKey=" + campaignId, "mary").body());
                if (!tasks.isEmpty()) {
                    String taskId = tasks.get(0).path("id").asText();
                    assertThat(post("/engine-rest/task/" + taskId + "/claim", "mary", "{\"userId\": \"mary\"}").statusCode())
                            .isEqualTo(204);
                    assertThat(post("/engine-rest/task/" + taskId + "/submit-form", "mary", """
                            {"variables": {"marketingDecision": {"value": "approve"}, "marketingComment": {"value": "ok"}}}""")
                            .statusCode()).isIn(200, 204);
                    approved[0] = true;
                }
            }
            return "PUBLISHED".equals(status);
        });
    }
}
