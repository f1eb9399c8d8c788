package io.campaignpilot.publishing;

import io.campaignpilot.campaign.Channel;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

/**
 * The per-recipient unsubscribe link of a message: {@code <public-base-url>/api/unsubscribe?token=<payload>.<mac>}.
 * The payload names the campaign, channel and customer and when the link was issued; the MAC is HMAC-SHA256 over it
 * with {@code campaignpilot.publishing.unsubscribe.secret}. So a link needs no login and no lookup table, cannot be
 * guessed (it carries 256 bits of MAC) and cannot be changed to unsubscribe someone else. Links do not expire: a
 * customer may unsubscribe from an old email.
 */
@Component
class UnsubscribeLinks {
    static final String PATH = "/api/unsubscribe";
    private static final String VERSION = "v1";
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    /** Whom a valid link unsubscribes, from what, and which campaign's message carried it. */
    record Subject(String campaignId, Channel channel, long customerId, Instant issuedAt) {
    }

    /** The token was changed, cut short or signed with another secret. */
    static final class InvalidTokenException extends RuntimeException {
        InvalidTokenException() {
            super("this unsubscribe link is not valid: it was changed or cut short");
        }
    }

    private final SecretKeySpec key;
    private final String base;

    UnsubscribeLinks(PublishingProperties properties) {
        this.key = new SecretKeySpec(properties.unsubscribe().secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.base = properties.publicBaseUrl() + PATH + "?token=";
    }

    String link(String campaignId, Channel channel, long customerId) {
        return base + token(new Subject(campaignId, channel, customerId, Instant.now()));
    }

    String token(Subject subject) {
        // the campaign id goes last: it is the one part that is not ours to format
        String payload = String.join(":", VERSION, subject.channel().key(), Long.toString(subject.customerId()),
                Long.toString(subject.issuedAt().getEpochSecond()), subject.campaignId());
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODE.encodeToString(bytes) + "." + ENCODE.encodeToString(mac(bytes));
    }

    /** Whom the token unsubscribes; {@link InvalidTokenException} unless it is exactly as this application signed it. */
    Subject verify(String token) {
        if (token == null) {
            throw new InvalidTokenException();
        }
        int dot = token.indexOf('.');
        try {
            byte[] payload = DECODE.decode(token.substring(0, Math.max(dot, 0)));
            byte[] mac = DECODE.decode(token.substring(dot + 1));
            // constant time: how much of a forged MAC was right must not show in the answer's timing
            if (dot < 1 || !MessageDigest.isEqual(mac, mac(payload))) {
                throw new InvalidTokenException();
            }
            String[] parts = new String(payload, StandardCharsets.UTF_8).split(":", 5);
            if (parts.length != 5 || !VERSION.equals(parts[0]) || parts[4].isEmpty()) {
                throw new InvalidTokenException();
            }
            return new Subject(parts[4], Channel.of(parts[1]), Long.parseLong(parts[2]),
                    Instant.ofEpochSecond(Long.parseLong(parts[3])));
        } catch (IllegalArgumentException malformed) { // bad Base64, channel or number (only possible with our own key)
            throw new InvalidTokenException();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256"); // a Mac is not thread-safe, and a new one costs microseconds
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
