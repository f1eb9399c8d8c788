package io.campaignpilot.publishing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpilot.campaign.Channel;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * One provider's webhook: posts a message as JSON, signed, and says what the provider made of it. Every request
 * carries {@code Idempotency-Key} (the delivery's key, so a provider that saw a message before our answer was lost
 * does not send it twice), {@code X-CampaignPilot-Timestamp} (Unix seconds) and {@code X-CampaignPilot-Signature:
 * sha256=<hex>}, the HMAC-SHA256 of {@code timestamp + "." + body} under the shared secret: the provider knows the
 * message is ours, unaltered, and can refuse a replayed old one. A 429 or 5xx is tried again within the batch when
 * the provider asks for a short enough wait.
 */
final class ProviderWebhook implements AutoCloseable {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String TIMESTAMP = "X-CampaignPilot-Timestamp";
    static final String SIGNATURE = "X-CampaignPilot-Signature";

    /** The wait before trying again when the provider did not say how long (no answer, or no Retry-After). */
    private static final Duration PAUSE = Duration.ofMillis(500);
    /** Answers that mean the provider refuses us, whoever the recipient: wrong credentials, URL or format. */
    private static final Set<Integer> MISCONFIGURED = Set.of(401, 403, 404, 405, 407, 415);
    /** Answers that mean "not now": try the same message again later. */
    private static final Set<Integer> NOT_NOW = Set.of(408, 425, 429);
    private static final List<String> MESSAGE_ID_FIELDS = List.of("id", "messageId", "message_id", "sid");

    /** What the provider made of a message. */
    sealed interface Reply {
    }

    /** Taken (2xx); the provider's id for it when it gave one. */
    record Accepted(String messageId) implements Reply {
    }

    /** This message alone is refused (a 4xx such as 400 invalid number or 410 unsubscribed device). */
    record Refused(int status, String answer) implements Reply {
    }

    /** Not taken now (429, 5xx, no answer); {@code retryAfter} is the provider's wait, null when it gave none. */
    record NotNow(Exception failure, Duration retryAfter) implements Reply {
    }

    /** The provider refuses us, not the recipient (401, 403, 404, ...): nothing can go until someone fixes it. */
    record Misconfigured(Exception failure) implements Reply {
    }

    /** What the provider answered, for the incident operators read; never a recipient's number (see {@link #answer}). */
    static final class WebhookException extends RuntimeException {
        WebhookException(String message) {
            super(message);
        }
    }

    private final Channel channel;
    private final URI url;
    private final byte[] secret;
    private final WebhookProperties properties;
    private final ObjectMapper json;
    private final HttpClient http;

    ProviderWebhook(Channel channel, WebhookProperties.Endpoint endpoint, WebhookProperties properties, ObjectMapper json) {
        this.channel = channel;
        this.url = endpoint.uri();
        this.secret = endpoint.secret().getBytes(StandardCharsets.UTF_8);
        this.properties = properties;
        this.json = json;
        // HTTP/1.1: no h2c upgrade dance with plain-http providers; redirects are not followed (the URL is wrong)
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Posts the message, trying again within {@code attempts} while the provider asks for a wait we may take here. */
    Reply deliver(String idempotencyKey, byte[] body) {
        Reply reply = null;
        for (int attempt = 1; attempt <= properties.attempts(); attempt++) {
            reply = post(idempotencyKey, body);
            if (!(reply instanceof NotNow later)) {
                return reply;
            }
            Duration wait = later.retryAfter() == null ? PAUSE : later.retryAfter();
            if (attempt == properties.attempts() || wait.compareTo(properties.maxInlineWait()) > 0) {
                return reply;
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return reply;
            }
        }
        return reply;
    }

    private Reply post(String idempotencyKey, byte[] body) {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(url).timeout(properties.requestTimeout())
                .header("Content-Type", "application/json")
                .header(IDEMPOTENCY_KEY, idempotencyKey)
                .header(TIMESTAMP, timestamp)
                .header(SIGNATURE, "sha256=" + sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // a timeout may come after the provider took the message: the same Idempotency-Key makes the retry safe
            return new NotNow(e, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new NotNow(e, null);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Accepted(messageId(response.body()));
        }
        String answer = answer(response.body());
        WebhookException failure = new WebhookException("the " + channel.key() + " provider answered HTTP " + status
                + (answer.isEmpty() ? "" : ": " + answer));
        if (status >= 500 || NOT_NOW.contains(status)) {
            return new NotNow(failure, retryAfter(response.headers().firstValue("Retry-After").orElse(null), Instant.now()));
        }
        if (status >= 400 && !MISCONFIGURED.contains(status)) {
            return new Refused(status, answer);
        }
        return new Misconfigured(failure);
    }

    /** HMAC-SHA256 of {@code timestamp + "." + body}, lower-case hex: what the provider recomputes to trust a message. */
    static String sign(byte[] secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Retry-After as delay-seconds or an HTTP date; null when missing or unreadable. */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        try {
            Duration until = Duration.between(now, ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private String messageId(String body) {
        try {
            JsonNode answer = json.readTree(body == null || body.isBlank() ? "{}" : body);
            for (String field : MESSAGE_ID_FIELDS) {
                String id = answer.path(field).asText("");
                if (id.matches("[A-Za-z0-9._:-]{1,100}")) {
                    return id;
                }
            }
        } catch (IOException notJson) {
            // the provider took the message and said nothing we can keep
        }
        return null;
    }

    /**
     * The provider's own words about a refusal, short: its error code and message when it answers JSON, else the
     * start of the text. Runs of digits long enough to be a phone number are taken out; the caller strips the rest.
     */
    String answer(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = body;
        try {
            JsonNode answer = json.readTree(body);
            JsonNode error = answer.path("error").isObject() ? answer.path("error") : answer;
            String code = error.path("code").asText(answer.path("error").isTextual() ? answer.path("error").asText() : "");
            String message = error.path("message").asText(error.path("detail").asText(""));
            String said = (code + " " + message).strip();
            text = said.isEmpty() ? body : said;
        } catch (IOException notJson) {
            // plain text or HTML: keep its start
        }
        text = text.replaceAll("\\s+", " ").replaceAll("\\+?\\d[\\d ]{6,}\\d", "[removed]").strip();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
