package io.campaignpilot.publishing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpilot.audience.Customer;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.dev.EmbeddedWebhooks;
import io.campaignpilot.dev.EmbeddedWebhooks.Answer;
import io.campaignpilot.dev.EmbeddedWebhooks.Received;
import io.campaignpilot.generation.ChannelVariant;
import io.campaignpilot.publishing.DeliveryQueue.Claimed;
import io.campaignpilot.publishing.DeliveryQueue.Outcome;
import io.campaignpilot.publishing.WebhookProperties.Endpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SMS and push against a provider's webhook on loopback that checks every signature: what the provider is sent, and
 * what each of its answers makes of the batch.
 */
class WebhookChannelTest {
    private static final String SECRET = "test-signing-secret";
    private static final Customer AMELIA = customer(17, "07700 900017", true, true);
    private static final Customer OLIVER = customer(18, "+44 7700 900018", true, true);
    private static final Customer ISLA = customer(19, "+447700900019", true, true);
    private static final ChannelVariant SMS = new ChannelVariant(Channel.SMS, 1,
            Map.of("text", "Hi {{first_name}}, 20% off picnic blankets. Reply STOP to opt out"), List.of(), "grounded",
            null, null, List.of(), "en-GB");
    private static final ChannelVariant PUSH = new ChannelVariant(Channel.PUSH, 1,
            Map.of("title", "Picnic blankets 20% off", "body", "{{first_name}}, this week only"), List.of(), "grounded",
            null, null, List.of(), "en-GB");

    private final EmbeddedWebhooks provider = new EmbeddedWebhooks(0, SECRET);
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        provider.stop();
    }

    @Test
    void everyMessageIsSignedAndCarriesItsDeliveryKeyAsIdempotencyKey() throws IOException {
        ChannelAdapter.Result result = sms(SECRET).send("c-1", claims(Channel.SMS, AMELIA, OLIVER), customers(AMELIA, OLIVER),
                Map.of(1, SMS));

        assertThat(result.channelFailure()).isNull();
        assertThat(result.retry()).isEmpty();
        assertThat(result.outcomes()).extracting(Outcome::status).containsOnly("SENT");
        assertThat(result.outcomes()).extracting(Outcome::reason).allMatch(r -> r.matches("accepted by the sms provider as msg-[0-9a-f-]+"));
        assertThat(provider.refused()).isZero();
        List<Received> received = provider.received();
        assertThat(received).extracting(Received::idempotencyKey).containsExactly("c-1:sms:17", "c-1:sms:18");
        JsonNode first = json.readTree(received.getFirst().body());
        assertThat(received.getFirst().path()).isEqualTo("sms");
        assertThat(first.path("to").asText()).isEqualTo("+447700900017");
        assertThat(first.path("text").asText()).isEqualTo("Hi Amelia, 20% off picnic blankets. Reply STOP to opt out");
        assertThat(first.path("campaignId").asText()).isEqualTo("c-1");
        assertThat(first.path("idempotencyKey").asText()).isEqualTo("c-1:sms:17");
        assertThat(json.readTree(received.get(1).body()).path("to").asText()).isEqualTo("+447700900018");
    }

    @Test
    void aForgedSignatureIsRefusedAndTheChannelFailsWithoutBlamingARecipient() {
        ChannelAdapter.Result result = sms("not-the-shared-secret").send("c-1", claims(Channel.SMS, AMELIA, OLIVER),
                customers(AMELIA, OLIVER), Map.of(1, SMS));

        assertThat(provider.refused()).isEqualTo(1);
        assertThat(provider.received()).isEmpty();
        assertThat(result.outcomes()).isEmpty();
        assertThat(result.retry()).containsExactly(17L, 18L);
        assertThat(incident(Channel.SMS, result)).isEqualTo("sms could not be sent, the deliveries wait for a retry: "
                + "WebhookException: the sms provider answered HTTP 401: invalid_signature");
    }

    @Test
    void aThrottledMessageIsSentOnceAfterTheProviderSaidItsWait() {
        Set<String> throttledOnce = ConcurrentHashMap.newKeySet();
        provider.answer(message -> throttledOnce.add(message.idempotencyKey())
                ? new Answer(429, Map.of("Retry-After", "1"), "{\"error\": {\"code\": \"rate_limited\"}}")
                : Answer.accepted());

        ChannelAdapter.Result result = sms(SECRET).send("c-1", claims(Channel.SMS, AMELIA, OLIVER), customers(AMELIA, OLIVER),
                Map.of(1, SMS));

        assertThat(result.outcomes()).extracting(Outcome::status).containsExactly("SENT", "SENT");
        assertThat(result.channelFailure()).isNull();
        assertThat(provider.received()).extracting(Received::idempotencyKey, Received::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("c-1:sms:17", 429), org.assertj.core.groups.Tuple.tuple("c-1:sms:17", 200),
                org.assertj.core.groups.Tuple.tuple("c-1:sms:18", 429), org.assertj.core.groups.Tuple.tuple("c-1:sms:18", 200));
        assertThat(acceptedPerKey()).containsOnly(Map.entry("c-1:sms:17", 1L), Map.entry("c-1:sms:18", 1L));
    }

    @Test
    void aProviderThatStaysDownFailsTheChannelAndIsNotTriedBeforeItsRetryAfter() {
        provider.answer(message -> new Answer(503, Map.of("Retry-After", "120"), "{\"error\": \"maintenance\"}"));
        Instant before = Instant.now();

        ChannelAdapter.Result result = sms(SECRET).send("c-1", claims(Channel.SMS, AMELIA, OLIVER, ISLA),
                customers(AMELIA, OLIVER, ISLA), Map.of(1, SMS));

        // two minutes is longer than a batch may wait: one request, then the whole batch goes back
        assertThat(provider.received()).hasSize(1);
        assertThat(result.outcomes()).isEmpty();
        assertThat(result.retry()).containsExactly(17L, 18L, 19L);
        assertThat(result.retryNotBefore()).isBetween(before.plusSeconds(120), Instant.now().plusSeconds(120));
        assertThat(incident(Channel.SMS, result)).isEqualTo("sms could not be sent, the deliveries wait for a retry: "
                + "WebhookException: the sms provider answered HTTP 503: maintenance");
    }

    @Test
    void aProviderDownWithoutRetryAfterIsTriedAFewTimesThenTheChannelFails() {
        provider.answer(message -> new Answer(502, Map.of(), "<html>Bad Gateway</html>"));

        ChannelAdapter.Result result = sms(SECRET).send("c-1", claims(Channel.SMS, AMELIA, OLIVER), customers(AMELIA, OLIVER),
                Map.of(1, SMS));

        assertThat(provider.received()).extracting(Received::idempotencyKey).containsExactly("c-1:sms:17", "c-1:sms:17",
                "c-1:sms:17");
        assertThat(result.retry()).containsExactly(17L, 18L);
        assertThat(result.retryNotBefore()).as("the dispatcher's own backoff").isNull();
        assertThat(result.channelFailure()).hasMessage("the sms provider answered HTTP 502: <html>Bad Gateway</html>");
    }

    @Test
    void whenTheProviderThrottlesMidwayWhatWentStaysSentAndTheRestWaitsWithoutAFailure() {
        provider.answer(message -> message.idempotencyKey().endsWith(":17") ? Answer.accepted()
                : new Answer(429, Map.of("Retry-After", "60"), ""));
        Instant before = Instant.now();

        ChannelAdapter.Result result = sms(SECRET).send("c-1", claims(Channel.SMS, AMELIA, OLIVER, ISLA),
                customers(AMELIA, OLIVER, ISLA), Map.of(1, SMS));

        assertThat(result.outcomes()).extracting(Outcome::id, Outcome::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(17L, "SENT"));
        assertThat(result.retry()).containsExactly(18L, 19L);
        assertThat(result.channelFailure()).isNull();
        assertThat(result.retryNotBefore()).isBetween(before.plusSeconds(60), Instant.now().plusSeconds(60));
        assertThat(provider.received()).hasSize(2);
    }

    @Test
    void anInvalidNumberIsBouncedAloneWithoutTheNumberAndTheRestAreSent() {
        provider.answer(message -> message.body().contains("+447700900018")
                ? new Answer(400, Map.of(), "{\"error\": {\"code\": \"invalid_number\", "
                + "\"message\": \"447700900018 is not a mobile number\"}}")
                : Answer.accepted());

        ChannelAdapter.Result result = sms(SECRET).send("c-1", claims(Channel.SMS, AMELIA, OLIVER, ISLA),
                customers(AMELIA, OLIVER, ISLA), Map.of(1, SMS));

        Map<Long, Outcome> byId = byId(result);
        assertThat(byId.get(17L).status()).isEqualTo("SENT");
        assertThat(byId.get(19L).status()).isEqualTo("SENT");
        assertThat(byId.get(18L).status()).isEqualTo("BOUNCED");
        assertThat(byId.get(18L).reason())
                .isEqualTo("sms to customer 18 was refused by the provider: HTTP 400 invalid_number [removed] is not a mobile number")
                .doesNotContain("900018", "Oliver");
        assertThat(result.retry()).isEmpty();
        assertThat(result.channelFailure()).isNull();
    }

    @Test
    void recipientsWithoutANumberOrConsentAreSkippedWithoutACall() {
        Customer noPhone = customer(20, null, true, true);
        Customer garbled = customer(21, "call me maybe", true, true);
        Customer withdrew = customer(22, "07700 900022", false, true);

        ChannelAdapter.Result result = sms(SECRET).send("c-1", claims(Channel.SMS, noPhone, garbled, withdrew, AMELIA),
                customers(noPhone, garbled, withdrew, AMELIA), Map.of(1, SMS));

        Map<Long, Outcome> byId = byId(result);
        assertThat(byId.get(20L)).isEqualTo(new Outcome(20, "SKIPPED", "customer 20 has no phone number on record"));
        assertThat(byId.get(21L)).isEqualTo(new Outcome(21, "SKIPPED", "customer 21 has no valid phone number on record"));
        assertThat(byId.get(22L)).isEqualTo(new Outcome(22, "SKIPPED", "customer 22 no longer consents to sms"));
        assertThat(byId.get(17L).status()).isEqualTo("SENT");
        assertThat(provider.received()).extracting(Received::idempotencyKey).containsExactly("c-1:sms:17");
    }

    @Test
    void pushNamesTheCustomerByIdAndAnUnsubscribedDeviceIsBounced() throws IOException {
        Customer noDevice = customer(23, null, false, true);
        provider.answer(message -> message.idempotencyKey().endsWith(":23")
                ? new Answer(410, Map.of(), "{\"error\": {\"code\": \"unsubscribed\"}}") : Answer.accepted());
        PushChannel push = new PushChannel(properties(new Endpoint(null, null), new Endpoint(provider.url("push"), SECRET)), json);

        ChannelAdapter.Result result = push.send("c-1", claims(Channel.PUSH, AMELIA, noDevice), customers(AMELIA, noDevice),
                Map.of(1, PUSH));

        Map<Long, Outcome> byId = byId(result);
        assertThat(byId.get(17L).status()).isEqualTo("SENT");
        assertThat(byId.get(23L)).isEqualTo(new Outcome(23, "BOUNCED",
                "push to customer 23 was refused by the provider: HTTP 410 unsubscribed"));
        JsonNode message = json.readTree(provider.received().getFirst().body());
        assertThat(provider.received().getFirst().path()).isEqualTo("push");
        assertThat(message.path("externalUserId").asText()).isEqualTo("17");
        assertThat(message.path("title").asText()).isEqualTo("Picnic blankets 20% off");
        assertThat(message.path("body").asText()).isEqualTo("Amelia, this week only");
        assertThat(message.has("to")).isFalse();
    }

    @Test
    void aChannelWithoutItsWebhookSendsNothingAndNamesWhatToConfigure() {
        SmsChannel unconfigured = new SmsChannel(properties(new Endpoint(null, null), new Endpoint(null, null)),
                new PhoneNumbers("44"), json);

        ChannelAdapter.Result result = unconfigured.send("c-1", claims(Channel.SMS, AMELIA), customers(AMELIA), Map.of(1, SMS));

        assertThat(result.outcomes()).isEmpty();
        assertThat(result.retry()).containsExactly(17L);
        assertThat(incident(Channel.SMS, result)).isEqualTo("sms could not be sent, the deliveries wait for a retry: "
                + "WebhookException: sms has no provider webhook configured: give CAMPAIGNPILOT_PUBLISHING_WEBHOOK_SMS_URL "
                + "and CAMPAIGNPILOT_PUBLISHING_WEBHOOK_SMS_SECRET");
    }

    @Test
    void aHalfConfiguredOrUnencryptedWebhookStopsTheStart() {
        assertThatThrownBy(() -> properties(new Endpoint("https://sms.example/messages", null), null))
                .hasMessage("the sms webhook needs both a URL and a signing secret: give "
                        + "CAMPAIGNPILOT_PUBLISHING_WEBHOOK_SMS_URL and CAMPAIGNPILOT_PUBLISHING_WEBHOOK_SMS_SECRET, or neither");
        assertThatThrownBy(() -> properties(null, new Endpoint(null, "s3cret")))
                .hasMessageContaining("CAMPAIGNPILOT_PUBLISHING_WEBHOOK_PUSH_URL");
        assertThatThrownBy(() -> properties(new Endpoint("http://sms.example/messages", "s3cret"), null))
                .hasMessage("CAMPAIGNPILOT_PUBLISHING_WEBHOOK_SMS_URL must be an https URL (plain http only on 127.0.0.1)");
        assertThat(properties(new Endpoint("https://sms.example/messages", "s3cret"), null).sms().configured()).isTrue();
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        Instant now = Instant.parse("2026-11-20T09:00:00Z");
        assertThat(ProviderWebhook.retryAfter("120", now)).isEqualTo(Duration.ofSeconds(120));
        assertThat(ProviderWebhook.retryAfter("Fri, 20 Nov 2026 09:01:30 GMT", now)).isEqualTo(Duration.ofSeconds(90));
        assertThat(ProviderWebhook.retryAfter("Fri, 20 Nov 2026 08:00:00 GMT", now)).isEqualTo(Duration.ZERO);
        assertThat(ProviderWebhook.retryAfter("soon", now)).isNull();
        assertThat(ProviderWebhook.retryAfter(null, now)).isNull();
    }

    @Test
    void phoneNumbersBecomeE164WithTheDefaultCountryForNationalOnes() {
        PhoneNumbers uk = new PhoneNumbers("44");
        assertThat(uk.e164("07700 900123")).isEqualTo("+447700900123");
        assertThat(uk.e164(" +44 (0)7700 900123 ")).isEqualTo("+447700900123");
        assertThat(uk.e164("0044 7700-900123")).isEqualTo("+447700900123");
        assertThat(uk.e164("+1 (415) 555-0100")).isEqualTo("+14155550100");
        assertThat(new PhoneNumbers("353").e164("087 123 4567")).isEqualTo("+353871234567");
        assertThat(uk.e164("12345")).isNull();
        assertThat(uk.e164("call me")).isNull();
        assertThat(uk.e164(null)).isNull();
        assertThatThrownBy(() -> new PhoneNumbers("+44")).hasMessageContaining("default-country-code");
    }

    private SmsChannel sms(String secret) {
        return new SmsChannel(properties(new Endpoint(provider.url("sms"), secret), null), new PhoneNumbers("44"), json);
    }

    private static WebhookProperties properties(Endpoint sms, Endpoint push) {
        return new WebhookProperties(sms, push, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(2), 3);
    }

    private Map<String, Long> acceptedPerKey() {
        return provider.received().stream().filter(r -> r.status() == 200)
                .collect(Collectors.groupingBy(Received::idempotencyKey, Collectors.counting()));
    }

    private static String incident(Channel channel, ChannelAdapter.Result result) {
        assertThat(result.channelFailure()).isNotNull();
        return ChannelUnavailableException.of(channel, result.channelFailure(), List.of(AMELIA, OLIVER, ISLA)).getMessage();
    }

    private static Map<Long, Outcome> byId(ChannelAdapter.Result result) {
        return result.outcomes().stream().collect(Collectors.toMap(Outcome::id, Function.identity()));
    }

    private static List<Claimed> claims(Channel channel, Customer... customers) {
        return Arrays.stream(customers).map(c -> new Claimed(c.id(), c.id(), 1, "c-1:" + channel.key() + ":" + c.id())).toList();
    }

    private static Map<Long, Customer> customers(Customer... customers) {
        return Arrays.stream(customers).collect(Collectors.toMap(Customer::id, Function.identity()));
    }

    private static Customer customer(long id, String phone, boolean sms, boolean push) {
        String name = switch ((int) id) {
            case 17 -> "Amelia";
            case 18 -> "Oliver";
            default -> "Isla";
        };
        return new Customer(id, name.toLowerCase() + "." + id + "@customers.example", phone, name, "south", "en-GB",
                "foodies", "gold", true, sms, push, false, false);
    }
}
