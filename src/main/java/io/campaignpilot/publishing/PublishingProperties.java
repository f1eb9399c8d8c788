package io.campaignpilot.publishing;

import io.campaignpilot.campaign.Channel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.Map;

/**
 * Sender identity and how the channel dispatcher works.
 *
 * @param publicBaseUrl          where customers reach this application from their mailbox and browser (the
 *                               unsubscribe links in emails start with it); behind a proxy, its public address
 * @param unsubscribe            how unsubscribe links are signed
 * @param dispatchThreads        dispatcher threads on this node; each holds at most one database connection
 * @param connectionsPerChannel  provider connections (SMTP sessions, webhook calls) one channel's batch is sent on at once
 * @param batchSize              deliveries claimed, sent and recorded together
 * @param ratePerSecond          messages per second per channel key on this node; a channel not named is not limited
 * @param turn                   how long a dispatcher works on one channel before giving it back, so every campaign
 *                               publishing at the same time gets its turn
 * @param retries                attempts after a channel-wide failure (relay down) before it becomes an incident
 * @param retryBackoff           the first wait after a channel-wide failure; it doubles with each retry
 * @param claimTimeout           a claim older than this whose outcome was never recorded is marked UNKNOWN, not resent;
 *                               keep it above the slowest batch (batch size x the SMTP timeouts), or a slow but
 *                               living dispatcher's sends are reported UNKNOWN (never sent twice, though)
 * @param quietHours             channel key to a window of local time ("21:00-08:00") in which the channel does not
 *                               reach a customer; messages are held until it ends. A channel not named has none.
 * @param defaultTimeZone        the time zone of customers whose own the CRM does not know
 */
@ConfigurationProperties("campaignpilot.publishing")
@Validated
public record PublishingProperties(
        @DefaultValue("Harbor & Pine <news@harborandpine.example>") String emailFrom,
        @DefaultValue("http://127.0.0.1:8080") String publicBaseUrl,
        @DefaultValue @Valid Unsubscribe unsubscribe,
        @DefaultValue("2") int dispatchThreads,
        @Min(value = 1, message = "campaignpilot.publishing.connections-per-channel must be at least 1")
        @DefaultValue("4") int connectionsPerChannel,
        @DefaultValue("50") int batchSize,
        Map<String, Integer> ratePerSecond,
        @DefaultValue("PT10S") Duration turn,
        @DefaultValue("PT1M") Duration lockDuration,
        @DefaultValue("PT0.5S") Duration pollInterval,
        @DefaultValue("3") int retries,
        @DefaultValue("PT30S") Duration retryBackoff,
        @DefaultValue("PT5M") Duration claimTimeout,
        Map<String, String> quietHours,
        @DefaultValue("Europe/London") String defaultTimeZone) {

    public PublishingProperties {
        publicBaseUrl = publicBaseUrl == null ? null : publicBaseUrl.replaceAll("/+$", "");
        ratePerSecond = ratePerSecond == null ? Map.of("email", 100, "sms", 20) : Map.copyOf(ratePerSecond);
        quietHours = quietHours == null ? Map.of("sms", "21:00-08:00", "push", "21:00-08:00") : Map.copyOf(quietHours);
    }

    /** Messages per second allowed on the channel, or 0 for no limit. */
    public int rateOf(Channel channel) {
        return ratePerSecond.getOrDefault(channel.key(), 0);
    }

    /**
     * @param secret the HMAC-SHA256 key that signs unsubscribe links ({@code CAMPAIGNPILOT_PUBLISHING_UNSUBSCRIBE_SECRET}):
     *               the same on every node and kept across restarts, or the links in emails already sent stop
     *               working. There is no default; the demo profile generates one at each start.
     */
    public record Unsubscribe(
            @NotBlank(message = "set CAMPAIGNPILOT_PUBLISHING_UNSUBSCRIBE_SECRET (campaignpilot.publishing.unsubscribe.secret)"
                    + " to at least 32 random characters: it signs the unsubscribe link in every email; keep it the same on"
                    + " every node and across restarts")
            @Size(min = 32, message = "must have at least 32 characters (CAMPAIGNPILOT_PUBLISHING_UNSUBSCRIBE_SECRET)")
            String secret) {

        @Override
        public String toString() {
            return "Unsubscribe[secret=***]";
        }
    }
}
