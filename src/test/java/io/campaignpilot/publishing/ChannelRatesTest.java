package io.campaignpilot.publishing;

import io.campaignpilot.campaign.Channel;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A channel's rate holds across batches; a channel without a limit never waits. */
class ChannelRatesTest {

    @Test
    void theSecondBatchWaitsForTheFirstOnesSlots() {
        ChannelRates rates = new ChannelRates(new PublishingProperties(null, null, null, 1, 4, 50, Map.of("email", 100),
                null, null, null, 3, null, null, null, "Europe/London"));
        long started = System.nanoTime();
        rates.acquire(Channel.EMAIL, 20);
        rates.acquire(Channel.EMAIL, 20);
        rates.acquire(Channel.SMS, 1000);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("[rates] 40 emails at 100/s and 1000 unlimited sms took " + millis + " ms");
        // 20 messages at 100/s reserve 200 ms: the second batch cannot start before they are over
        assertThat(millis).isGreaterThanOrEqualTo(190);
    }
}
