package io.campaignpilot.publishing;

import io.campaignpilot.campaign.Channel;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.Map;

/**
 * Keeps each channel under its messages-per-second limit on this node, across all campaigns and dispatcher threads:
 * a batch reserves its slots and waits until the first of them. Per node, not per cluster: with several nodes the
 * relay sees up to nodes x rate.
 */
@Component
class ChannelRates {
    private final PublishingProperties properties;
    private final Map<Channel, Long> nextFree = new EnumMap<>(Channel.class);

    ChannelRates(PublishingProperties properties) {
        this.properties = properties;
    }

    void acquire(Channel channel, int messages) {
        int rate = properties.rateOf(channel);
        if (rate <= 0 || messages <= 0) {
            return;
        }
        long start;
        synchronized (nextFree) {
            long now = System.nanoTime();
            start = Math.max(now, nextFree.getOrDefault(channel, now));
            nextFree.put(channel, start + messages * 1_000_000_000L / rate);
        }
        long wait = start - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
