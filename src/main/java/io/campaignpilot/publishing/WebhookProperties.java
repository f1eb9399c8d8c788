package io.campaignpilot.publishing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * The SMS and push providers' webhooks. A channel is sent only when both its URL and its signing secret are given;
 * the secret comes from the environment and has no default.
 *
 * @param sms            the SMS provider's endpoint
 * @param push           the push provider's endpoint
 * @param connectTimeout how long to wait for a connection to the provider
 * @param requestTimeout how long to wait for the provider's answer to one message
 * @param maxInlineWait  a {@code Retry-After} up to this long is waited out within the batch; a longer one hands the
 *                       rest of the batch back to the dispatcher, not to be tried before it has passed
 * @param attempts       tries per message within a batch (429, 5xx, no answer) before the batch is handed back
 */
@ConfigurationProperties("campaignpilot.publishing.webhook")
record WebhookProperties(Endpoint sms, Endpoint push,
                         @DefaultValue("PT5S") Duration connectTimeout,
                         @DefaultValue("PT10S") Duration requestTimeout,
                         @DefaultValue("PT2S") Duration maxInlineWait,
                         @DefaultValue("3") int attempts) {

    /**
     * Where a channel's messages go and the shared secret they are signed with.
     *
     * @param url    the provider's endpoint; https, except on this machine (loopback)
     * @param secret the HMAC-SHA256 signing secret agreed with the provider
     */
    record Endpoint(String url, String secret) {

        boolean configured() {
            return url != null && !url.isBlank();
        }

        URI uri() {
            return URI.create(url.strip());
        }
    }

    WebhookProperties {
        sms = check("sms", sms);
        push = check("push", push);
        if (attempts < 1) {
            throw new IllegalArgumentException("campaignpilot.publishing.webhook.attempts must be at least 1");
        }
    }

    /** The endpoint of a channel as configured; a URL without a secret, or the reverse, stops the start. */
    private static Endpoint check(String channel, Endpoint endpoint) {
        if (endpoint == null) {
            return new Endpoint(null, null);
        }
        String env = "CAMPAIGNPILOT_PUBLISHING_WEBHOOK_" + channel.toUpperCase(Locale.ROOT);
        boolean secret = endpoint.secret() != null && !endpoint.secret().isBlank();
        if (endpoint.configured() != secret) {
            throw new IllegalArgumentException("the " + channel + " webhook needs both a URL and a signing secret: give "
                    + env + "_URL and " + env + "_SECRET, or neither");
        }
        if (endpoint.configured()) {
            URI uri;
            try {
                uri = endpoint.uri();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(env + "_URL is not a URL: " + e.getMessage());
            }
            boolean loopback = "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost())
                    || "[::1]".equals(uri.getHost());
            // the body carries phone numbers: only a provider on this machine may be reached without TLS
            if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && loopback)) {
                throw new IllegalArgumentException(env + "_URL must be an https URL (plain http only on 127.0.0.1)");
            }
        }
        return endpoint;
    }

    /** The settings an operator gives to send the channel. */
    static String missing(String channel) {
        String env = "CAMPAIGNPILOT_PUBLISHING_WEBHOOK_" + channel.toUpperCase(Locale.ROOT);
        return env + "_URL and " + env + "_SECRET";
    }
}
