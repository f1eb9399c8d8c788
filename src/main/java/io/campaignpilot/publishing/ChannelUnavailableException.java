package io.campaignpilot.publishing;

import io.campaignpilot.audience.Customer;
import io.campaignpilot.campaign.Channel;

import java.util.List;

/**
 * The whole channel could not be reached (the relay is down or refuses us), as opposed to one recipient being
 * refused. The claimed deliveries went back to PENDING; the dispatch is retried and, when its retries are spent,
 * becomes the incident operators read in Cockpit: so like {@link DeliveryFailedException} it names no customer's
 * address or name.
 */
public class ChannelUnavailableException extends RuntimeException {

    private ChannelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    static ChannelUnavailableException of(Channel channel, Throwable failure, List<Customer> batch) {
        List<String> personal = DeliveryFailedException.personal(batch);
        return new ChannelUnavailableException(channel.key() + " could not be sent, the deliveries wait for a retry: "
                + DeliveryFailedException.describe(failure, personal), DeliveryFailedException.keptCause(failure, personal));
    }
}
