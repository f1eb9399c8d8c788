package io.campaignpilot.publishing;

import io.campaignpilot.audience.Customer;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.generation.ChannelVariant;
import io.campaignpilot.publishing.DeliveryQueue.Claimed;
import io.campaignpilot.publishing.DeliveryQueue.Outcome;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The web channel: sending a delivery means putting it live on the storefront. Nothing leaves the building; a SENT
 * web delivery is what {@link WebContent} serves to the storefront for that customer, for as long as the campaign
 * runs, the customer consents and the campaign is not withdrawn (all read at serving time, so a withdrawal takes the
 * content down at once, even for deliveries already SENT).
 */
@Component
class WebChannel implements ChannelAdapter {
    static final String LIVE = "live on the storefront (" + WebContent.HOME_HERO + ")";

    @Override
    public Channel channel() {
        return Channel.WEB;
    }

    @Override
    public Result send(String campaignId, List<Claimed> batch, Map<Long, Customer> customers,
                       Map<Integer, ChannelVariant> variants) {
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (Claimed delivery : batch) {
            Customer customer = customers.get(delivery.customerId());
            if (customer == null || !customer.consentWeb()) {
                outcomes.add(new Outcome(delivery.id(), "SKIPPED",
                        "customer " + delivery.customerId() + " no longer consents to web"));
            } else if (!variants.containsKey(delivery.variantNo())) {
                // nothing went live: the batch waits, and the failure becomes an incident an operator sees
                return new Result(List.of(), batch.stream().map(Claimed::id).toList(), new IllegalStateException(
                        "campaign " + campaignId + " has no web variant " + delivery.variantNo()));
            } else {
                outcomes.add(new Outcome(delivery.id(), "SENT", LIVE));
            }
        }
        return new Result(outcomes, List.of(), null);
    }
}
