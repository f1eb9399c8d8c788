package io.campaignpilot.audience;

import io.campaignpilot.campaign.Channel;

import java.util.Map;

/** Who a campaign reaches: treatment and holdout sizes and, per channel, treatment customers with consent. */
public record AudienceSummary(int treatment, int holdout, Map<Channel, Integer> eligibleByChannel) {

    public int eligible(Channel channel) {
        return eligibleByChannel.getOrDefault(channel, 0);
    }
}
