package io.campaignpilot.it;

import io.campaignpilot.campaign.Channel;
import io.campaignpilot.dev.EmbeddedSmtp;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.campaignpilot.it.CampaignPilotTestSupport.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unsubscribe link of a real email, used as a mail client (one-click POST, RFC 8058) and as a person (the
 * confirmation page and its button) would: no login, the opt-out recorded with its campaign, a second click changing
 * nothing, a link scanner's GET changing nothing, a forged link refused, and the next dispatch skipping the customer.
 */
class UnsubscribeTest extends ApiTestBase {
    private static final Pattern FORM = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\">");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    CampaignFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new CampaignFixtures(context);
    }

    @Test
    void oneClickFromTheMailClientAndTheConfirmationPageBothOptOutAndTheNextDispatchSkips() throws Exception {
        String region = CampaignFixtures.region("it-unsub");
        List<Long> customers = fixtures.customers(region, 3, "Zephyrine", "Quillon", "Marisol");
        long byMailClient = customers.get(0);
        long byButton = customers.get(1);
        long stays = customers.get(2);
        String first = fixtures.campaign(region, List.of(), CampaignFixtures.email("For you, {{first_name}}",
                "Hi {{first_name}},\n\nNew picnic blankets are in.\n\nThe Harbor & Pine team"));
        fixtures.publish(first, Channel.EMAIL);
        // a second campaign, recorded to the same customers before anyone unsubscribes, sent afterwards
        String second = fixtures.campaign(region, List.of(), CampaignFixtures.email("More for you", "Hi {{first_name}}"));
        assertThat(fixtures.record(second, Channel.EMAIL)).isEqualTo(3);

        // the link as the email carries it: in List-Unsubscribe and, the same, in the text and the HTML
        MimeMessage email = received(first, byMailClient);
        String link = header(email, "List-Unsubscribe").replaceAll("^<|>$", "");
        assertThat(link).startsWith("http://127.0.0.1:8080/api/unsubscribe?token=");
        assertThat(header(email, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        MimeMultipart parts = (MimeMultipart) email.getContent();
        assertThat(parts.getBodyPart(0).getContent().toString()).contains(link);
        assertThat(parts.getBodyPart(1).getContent().toString()).contains("href=\"" + link + "\"");

        // a link scanner or a mail client's preview fetches the link: it sees the page and unsubscribes nobody
        HttpResponse<String> page = send(HttpRequest.newBuilder(local(link)).GET().build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<h1>Unsubscribe from Harbor &amp; Pine marketing emails?</h1>", "<button type=\"submit\">")
                .doesNotContain("Zephyrine", "fixture.");
        assertThat(consentsToEmail(byMailClient)).isTrue();
        assertThat(consentChanges(byMailClient)).isEmpty();

        // the mail client's one-click request: no login, no cookie, no CSRF token
        HttpResponse<String> oneClick = oneClick(local(link));
        assertThat(oneClick.statusCode()).as(oneClick.body()).isEqualTo(200);
        assertThat(oneClick.body()).contains("You are unsubscribed");
        assertThat(consentsToEmail(byMailClient)).isFalse();
        assertThat(consentChanges(byMailClient)).singleElement().satisfies(change -> {
            assertThat(change).containsEntry("CHANNEL", "email").containsEntry("CONSENT", false)
                    .containsEntry("SOURCE", "unsubscribe-link").containsEntry("CAMPAIGN_ID", first);
            assertThat(change.get("CHANGED_AT")).isNotNull();
        });
        // again (the customer clicks too): the same answer, nothing more recorded
        assertThat(oneClick(local(link)).statusCode()).isEqualTo(200);
        assertThat(consentChanges(byMailClient)).hasSize(1);

        // a person: opens the link, presses the page's button (its form posts back to the same link)
        String other = header(received(first, byButton), "List-Unsubscribe").replaceAll("^<|>$", "");
        HttpResponse<String> confirmation = send(HttpRequest.newBuilder(local(other)).GET().build());
        Matcher form = FORM.matcher(confirmation.body());
        assertThat(form.find()).as(confirmation.body()).isTrue();
        URI action = local(other).resolve(form.group(1).replace("&amp;", "&"));
        assertThat(action).isEqualTo(local(other));
        HttpResponse<String> pressed = send(HttpRequest.newBuilder(action)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "http://127.0.0.1:" + port)
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build());
        assertThat(pressed.statusCode()).as(pressed.body()).isEqualTo(200);
        assertThat(consentsToEmail(byButton)).isFalse();
        assertThat(consentsToEmail(stays)).isTrue();

        // the second campaign goes out afterwards: the two who unsubscribed are skipped, with the reason
        fixtures.dispatch(second, Channel.EMAIL);
        Map<Long, String> outcomes = jdbc.sql("select customer_id, status || ': ' || coalesce(reason, '') from delivery "
                        + "where campaign_id = ?").param(second)
                .query((rs, i) -> Map.entry(rs.getLong(1), rs.getString(2))).list().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(outcomes).containsEntry(byMailClient, "SKIPPED: customer " + byMailClient + " no longer consents to email")
                .containsEntry(byButton, "SKIPPED: customer " + byButton + " no longer consents to email")
                .containsEntry(stays, "SENT: ");
        assertThat(Arrays.stream(EmbeddedSmtp.shared().server().getReceivedMessages())
                .filter(m -> second.equals(header(m, "X-Campaign-Id")))).hasSize(1);
    }

    @Test
    void aChangedLinkIsRefusedAndUnsubscribesNobody() throws Exception {
        String region = CampaignFixtures.region("it-unsub");
        List<Long> customers = fixtures.customers(region, 2, "Zephyrine", "Quillon");
        String campaignId = fixtures.campaign(region, List.of(), CampaignFixtures.email("Hello", "Hi {{first_name}}"));
        fixtures.publish(campaignId, Channel.EMAIL);
        String link = header(received(campaignId, customers.get(0)), "List-Unsubscribe").replaceAll("^<|>$", "");
        String token = link.substring(link.indexOf("token=") + "token=".length());
        int dot = token.indexOf('.');
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);

        // the neighbour's id in the payload, the signature kept: an attempt to unsubscribe someone else
        String neighbour = Base64.getUrlEncoder().withoutPadding().encodeToString(payload
                .replace(":" + customers.get(0) + ":", ":" + customers.get(1) + ":").getBytes(StandardCharsets.UTF_8))
                + token.substring(dot);
        for (String forged : List.of(neighbour, token.substring(0, token.length() - 3), token.substring(0, dot), "")) {
            URI uri = uri("/api/unsubscribe?token=" + forged);
            for (HttpResponse<String> refused : List.of(oneClick(uri), send(HttpRequest.newBuilder(uri).GET().build()))) {
                assertThat(refused.statusCode()).as(forged).isEqualTo(400);
                assertThat(refused.body()).contains("This unsubscribe link is not valid",
                        "this unsubscribe link is not valid: it was changed or cut short");
            }
        }
        assertThat(oneClick(uri("/api/unsubscribe")).statusCode()).isEqualTo(400);
        assertThat(consentsToEmail(customers.get(0))).isTrue();
        assertThat(consentsToEmail(customers.get(1))).isTrue();
        assertThat(consentChanges(customers.get(0))).isEmpty();
        assertThat(consentChanges(customers.get(1))).isEmpty();
    }

    private HttpResponse<String> oneClick(URI uri) {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build());
    }

    /** The public link, asked of this test's server (the configured public base URL is another port). */
    private URI local(String link) {
        URI publicLink = URI.create(link);
        return uri(publicLink.getRawPath() + "?" + publicLink.getRawQuery());
    }

    private MimeMessage received(String campaignId, long customerId) {
        return Arrays.stream(EmbeddedSmtp.shared().server().getReceivedMessages())
                .filter(m -> campaignId.equals(header(m, "X-Campaign-Id")))
                .filter(m -> header(m, "Message-ID").equals("<" + campaignId + ".email." + customerId + "@campaignpilot>"))
                .findFirst().orElseThrow(() -> new AssertionError("no email of " + campaignId + " to " + customerId));
    }

    private boolean consentsToEmail(long customerId) {
        return jdbc.sql("select consent_email from customer where id = ?").param(customerId).query(Boolean.class).single();
    }

    private List<Map<String, Object>> consentChanges(long customerId) {
        return jdbc.sql("select * from consent_change where customer_id = ?").param(customerId).query().listOfRows();
    }
}
