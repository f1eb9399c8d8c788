package io.campaignpilot.audience;

import io.campaignpilot.campaign.Channel;

import java.util.Map;

/**
 * Who a campaign reaches: treatment and holdout sizes and, per channel, the treatment customers who consent,
 * those of them held back by the frequency cap, and the eligible rest (consenting and under the cap).
 */
public record AudienceSummary(int treatment, int holdout, Map<Channel, Integer> consentedByChannel,
                              Map<Channel, Integer> cappedByChannel, int frequencyCap) {

    public int consented(Channel channel) {
        return consentedByChannel.getOrDefault(channel, 0);
    }

    public int capped(Channel channel) {
        return cappedByChannel.getOrDefault(channel, 0);
    }

    public int eligible(Channel channel) {
        return consented(channel) - capped(channel);
    }
}
