package io.campaignpilot.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignpilot.campaign.Channel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/web-content as the storefront's server calls it, with an API token of the storefront group: the
 * customer's live variant with their name filled in, or 204 whenever there is nothing to show them; and nobody else
 * may ask.
 */
class WebContentTest extends ApiTestBase {
    private static final String HOME_HERO = "home-hero";
    private static String storefrontToken;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @Autowired
    JavaMailSenderImpl mail;

    CampaignFixtures fixtures;

    @BeforeEach
    void fixturesAndToken() {
        fixtures = new CampaignFixtures(context);
        if (storefrontToken == null) {
            storefrontToken = storefrontToken(this);
        }
    }

    /** What an admin does once for the storefront: an API token of the storefront group. */
    static String storefrontToken(ApiTestBase test) {
        HttpResponse<String> issued = test.post("/api/integration-tokens", "admin",
                "{\"name\": \"storefront-" + UUID.randomUUID().toString().substring(0, 8) + "\", \"group\": \"storefront\"}");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        return test.read(issued.body()).path("token").asText();
    }

    @Test
    void eachCustomerSeesTheirOwnVariantOrNothing() {
        String region = CampaignFixtures.region("it-web");
        List<Long> customers = fixtures.customers(region, 6, "Zephyrine", "Ann & \"Bo\"", "<b>Quillon</b>");
        long zephyrine = customers.get(0);
        long quoted = customers.get(1);
        long holdout = customers.get(2);
        long neverConsented = customers.get(3);
        long withdrawsConsent = customers.get(4);
        jdbc.sql("update customer set consent_web = false where id = ?").param(neverConsented).update();
        String campaignId = fixtures.campaign(region, List.of(holdout),
                CampaignFixtures.web(1, "Picked for you, {{first_name}}", "Picnic Blanket, now £44.10.", "See the details"),
                CampaignFixtures.web(2, "{{first_name}}, your picnic is ready", "Picnic Blanket, now £44.10.", "Shop now"));
        fixtures.publish(campaignId, Channel.WEB);

        // going live is the web channel's sending: SENT, with where it went live
        assertThat(jdbc.sql("select distinct status || ' ' || reason from delivery where campaign_id = ?").param(campaignId)
                .query(String.class).list()).containsExactly("SENT live on the storefront (home-hero)");

        HttpResponse<String> live = webContent(zephyrine, HOME_HERO);
        assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
        JsonNode content = read(live.body());
        int variantNo = variantOf(campaignId, zephyrine);
        assertThat(content.path("campaignId").asText()).isEqualTo(campaignId);
        assertThat(content.path("slot").asText()).isEqualTo(HOME_HERO);
        assertThat(content.path("variantNo").asInt()).isEqualTo(variantNo);
        assertThat(content.path("locale").asText()).isEqualTo("en-GB");
        assertThat(content.path("content").path("headline").asText()).isEqualTo(variantNo == 1
                ? "Picked for you, Zephyrine" : "Zephyrine, your picnic is ready");
        assertThat(content.path("content").path("body").asText()).isEqualTo("Picnic Blanket, now £44.10.");
        assertThat(content.path("content").path("callToAction").asText()).isEqualTo(variantNo == 1 ? "See the details" : "Shop now");
        // plain text in JSON: the name as the customer wrote it, for the storefront to escape as it renders
        assertThat(read(webContent(quoted, HOME_HERO).body()).path("content").path("headline").asText()).contains("Ann & \"Bo\"");
        assertThat(live.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("no-store"));

        // nothing to show: holdout, no web consent, and an id that is nobody's
        assertThat(webContent(holdout, HOME_HERO).statusCode()).isEqualTo(204);
        assertThat(webContent(neverConsented, HOME_HERO).statusCode()).isEqualTo(204);
        assertThat(webContent(999_999_999L, HOME_HERO).statusCode()).isEqualTo(204);
        // consent withdrawn after the content went live: gone from the next request on
        assertThat(webContent(withdrawsConsent, HOME_HERO).statusCode()).isEqualTo(200);
        jdbc.sql("update customer set consent_web = false where id = ?").param(withdrawsConsent).update();
        assertThat(webContent(withdrawsConsent, HOME_HERO).statusCode()).isEqualTo(204);

        // the campaign's run is over when its measurement window closes
        jdbc.sql("insert into measurement (campaign_id, scheduled_at, window_ends_at) values (?, ?, ?)")
                .params(campaignId, Timestamp.from(Instant.now().minus(Duration.ofDays(15))),
                        Timestamp.from(Instant.now().minusSeconds(1))).update();
        assertThat(webContent(zephyrine, HOME_HERO).statusCode()).isEqualTo(204);
    }

    @Test
    void theNewestLiveCampaignIsShown() {
        String region = CampaignFixtures.region("it-web");
        long customer = fixtures.customers(region, 1, "Zephyrine").getFirst();
        String older = fixtures.campaign(region, List.of(), CampaignFixtures.web(1, "Older", "Older body", "Go"));
        fixtures.publish(older, Channel.WEB);
        String newer = fixtures.campaign(region, List.of(), CampaignFixtures.web(1, "Newer", "Newer body", "Go"));
        fixtures.publish(newer, Channel.WEB);
        jdbc.sql("update delivery set sent_at = ? where campaign_id = ?")
                .params(Timestamp.from(Instant.now().minusSeconds(60)), older).update();

        assertThat(read(webContent(customer, HOME_HERO).body()).path("campaignId").asText()).isEqualTo(newer);
    }

    /**
     * A campaign withdrawn while its email still waits for the relay: its web content, already live (SENT), is gone
     * from the storefront at once.
     */
    @Test
    void aWithdrawnCampaignDisappearsAtOnceThoughItsWebDeliveriesWereSent() {
        int port = mail.getPort();
        mail.setPort(closedPort());
        String campaignId;
        long customer;
        try {
            HttpResponse<String> created = post("/api/triggers", "integration", """
                    {"eventId": "it-web-%s", "type": "OVERSTOCK", "occurredAt": "2026-11-20T09:00:00Z",
                     "skus": ["HP-OUT-004"], "region": "east", "segment": "home-makers", "discountPercent": 10,
                     "channels": ["web", "email"]}""".formatted(UUID.randomUUID()));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            campaignId = read(created.body()).path("campaignId").asText();
            Set<String> approved = new HashSet<>();
            CampaignPilotTestSupport.await("web content of " + campaignId + " live", Duration.ofMinutes(3), () -> {
                approveIfAsked(campaignId, approved);
                return jdbc.sql("select count(*) from delivery where campaign_id = ? and channel = 'web' and status = 'SENT'")
                        .param(campaignId).query(Integer.class).single() > 0;
            });
            customer = jdbc.sql("select customer_id from delivery where campaign_id = ? and channel = 'web' and status = 'SENT' "
                    + "order by customer_id limit 1").param(campaignId).query(Long.class).single();
            JsonNode live = read(webContent(customer, HOME_HERO).body());
            assertThat(live.path("campaignId").asText()).isEqualTo(campaignId);
            assertThat(live.path("content").path("headline").asText()).isNotBlank();
            assertThat(campaign(campaignId).path("campaign").path("status").asText()).isEqualTo("RUNNING");

            HttpResponse<String> withdrawn = post("/api/campaigns/" + campaignId + "/withdraw", "mary",
                    "{\"reason\": \"wrong price on the banner\"}");
            assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
        } finally {
            mail.setPort(port);
        }
        assertThat(campaign(campaignId).path("campaign").path("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(webContent(customer, HOME_HERO).statusCode()).isEqualTo(204);
        assertThat(jdbc.sql("select count(*) from delivery where campaign_id = ? and channel = 'web' and status = 'SENT'")
                .param(campaignId).query(Integer.class).single()).as("what went live stays recorded").isPositive();
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        JsonNode notANumber = read(assertStatus(webContent("abc", HOME_HERO), 400).body());
        assertThat(notANumber.path("errors").get(0).path("field").asText()).isEqualTo("customerId");
        assertThat(notANumber.path("errors").get(0).path("reason").asText()).isEqualTo("'abc' is not a customer id (a positive whole number)");
        assertThat(read(assertStatus(webContent("-5", HOME_HERO), 400).body()).path("errors").get(0).path("field").asText())
                .isEqualTo("customerId");

        JsonNode unknownSlot = read(assertStatus(webContent("17", "sidebar"), 400).body());
        assertThat(unknownSlot.path("errors")).hasSize(1);
        assertThat(unknownSlot.path("errors").get(0).path("field").asText()).isEqualTo("slot");
        assertThat(unknownSlot.path("errors").get(0).path("reason").asText()).isEqualTo("'sidebar' is not a storefront slot: one of [home-hero]");

        JsonNode nothing = read(assertStatus(storefront("/api/web-content"), 400).body());
        assertThat(nothing.path("errors").findValuesAsText("field")).containsExactly("customerId", "slot");
        assertThat(nothing.path("errors").findValuesAsText("reason")).containsExactly("is required", "is required: one of [home-hero]");
    }

    @Test
    void onlyTheStorefrontMayAsk() {
        String path = "/api/web-content?customerId=17&slot=home-hero";
        assertThat(send(HttpRequest.newBuilder(uri(path)).GET().build()).statusCode()).isEqualTo(401);
        assertThat(get(path, "mary").statusCode()).isEqualTo(403);
        assertThat(get(path, "ada").statusCode()).isEqualTo(403);
        assertThat(send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer cp_demo_integration_token_change_me")
                .GET().build()).statusCode()).isEqualTo(403);
        assertThat(storefront(path).statusCode()).isIn(200, 204);
        // and the storefront's token opens nothing else
        assertThat(storefront("/api/campaigns").statusCode()).isEqualTo(403);
        assertThat(storefront("/api/customers/17/personal-data").statusCode()).isEqualTo(403);
    }

    private void approveIfAsked(String campaignId, Set<String> approved) {
        if (approved.contains(campaignId)) {
            return;
        }
        JsonNode tasks = read(get("/engine-rest/task?processInstanceBusinessKey=" + campaignId, "mary").body());
        if (!tasks.isEmpty()) {
            String taskId = tasks.get(0).path("id").asText();
            assertThat(post("/engine-rest/task/" + taskId + "/claim", "mary", "{\"userId\": \"mary\"}").statusCode()).isEqualTo(204);
            assertThat(post("/engine-rest/task/" + taskId + "/submit-form", "mary",
                    "{\"variables\": {\"marketingDecision\": {\"value\": \"approve\"}, \"marketingComment\": {\"value\": \"ok\"}}}")
                    .statusCode()).isIn(200, 204);
            approved.add(campaignId);
        }
    }

    private int variantOf(String campaignId, long customer) {
        return jdbc.sql("select variant_no from delivery where campaign_id = ? and customer_id = ?")
                .params(campaignId, customer).query(Integer.class).single();
    }

    private HttpResponse<String> webContent(Object customerId, String slot) {
        return storefront("/api/web-content?customerId=" + customerId + "&slot=" + slot);
    }

    private HttpResponse<String> storefront(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + storefrontToken).GET().build());
    }

    private static HttpResponse<String> assertStatus(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response;
    }

    /** A port nothing listens on: the relay is "down". */
    private static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
