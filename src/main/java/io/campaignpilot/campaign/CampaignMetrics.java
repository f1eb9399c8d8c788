package io.campaignpilot.campaign;

import io.campaignpilot.platform.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/**
 * Campaigns started and ended, and how long a campaign takes from its trigger to published. Each is counted when its
 * transaction commits, so a step the engine rolls back and retries counts once.
 */
@Component
public class CampaignMetrics {
    /** The tier of a campaign the rules never judged (it ended before its first check). */
    static final String NO_TIER = "NONE";

    private final MeterRegistry registry;

    public CampaignMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A campaign was registered for a trigger of this type. */
    public void started(String triggerType) {
        Counter counter = Counter.builder("campaignpilot.campaigns.started").description("Campaigns registered, by trigger type")
                .tag("trigger", triggerType).register(registry);
        AfterCommit.run(counter::increment);
    }

    /** The campaign has just reached a terminal status; published ones are also timed from their trigger. */
    public void ended(Campaign campaign, CampaignStatus outcome) {
        String tier = campaign.tier() == null ? NO_TIER : campaign.tier();
        Counter counter = Counter.builder("campaignpilot.campaigns.ended").description("Campaigns ended, by outcome and risk tier")
                .tag("outcome", outcome.name()).tag("tier", tier).register(registry);
        Duration sinceTrigger = Duration.between(campaign.createdAt(), Instant.now());
        Timer published = outcome == CampaignStatus.PUBLISHED ? Timer.builder("campaignpilot.campaigns.published")
                .description("From trigger to every channel sent, by risk tier (review time included)")
                .tag("tier", tier).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofSeconds(1)).maximumExpectedValue(Duration.ofDays(7))
                .register(registry) : null;
        AfterCommit.run(() -> {
            counter.increment();
            if (published != null) {
                published.record(sinceTrigger);
            }
        });
    }
}
