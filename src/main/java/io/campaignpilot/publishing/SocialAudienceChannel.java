package io.campaignpilot.publishing;

import io.campaignpilot.audience.Customer;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.generation.ChannelVariant;
import io.campaignpilot.publishing.DeliveryQueue.Claimed;
import io.campaignpilot.publishing.DeliveryQueue.Outcome;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Paid social reaches people through an ad platform's customer matching, not a message per person: the campaign's
 * consenting treatment recipients become its audience file (see {@link AudienceFiles}), which marketing uploads to the
 * platform as the audience of the ad built from the approved social copy. The holdout is never in the file: it is
 * given no delivery at all. A delivery is SENT once its recipient is in the file; a file that cannot be written is a
 * channel failure, retried like a relay that is down.
 */
@Component
class SocialAudienceChannel implements ChannelAdapter {
    private final AudienceFiles files;

    SocialAudienceChannel(AudienceFiles files) {
        this.files = files;
    }

    @Override
    public Channel channel() {
        return Channel.SOCIAL;
    }

    @Override
    public Result send(String campaignId, List<Claimed> batch, Map<Long, Customer> customers,
                       Map<Integer, ChannelVariant> variants) {
        List<Outcome> outcomes = new ArrayList<>();
        List<Claimed> exported = new ArrayList<>();
        List<AudienceFiles.Row> rows = new ArrayList<>();
        for (Claimed delivery : batch) {
            Customer customer = customers.get(delivery.customerId());
            if (customer == null || !customer.consentSocial()) {
                outcomes.add(new Outcome(delivery.id(), "SKIPPED",
                        "customer " + delivery.customerId() + " no longer consents to social"));
                continue;
            }
            AudienceFiles.Row row = files.row(customer);
            if (row.empty()) {
                outcomes.add(new Outcome(delivery.id(), "SKIPPED",
                        "customer " + delivery.customerId() + " has no email address or phone number to match on"));
                continue;
            }
            rows.add(row);
            exported.add(delivery);
        }
        if (exported.isEmpty()) {
            return new Result(outcomes, List.of(), null);
        }
        try {
            String file = files.add(campaignId, rows);
            for (Claimed delivery : exported) {
                outcomes.add(new Outcome(delivery.id(), "SENT", "exported to audience file " + file));
            }
            return new Result(outcomes, List.of(), null);
        } catch (IOException | UncheckedIOException e) {
            return new Result(outcomes, exported.stream().map(Claimed::id).toList(), e);
        }
    }
}
