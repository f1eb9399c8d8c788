package io.campaignpilot.it;

import io.campaignpilot.audience.Audiences;
import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.campaign.CampaignStatus;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.generation.ChannelVariant;
import io.campaignpilot.generation.VariantStore;
import io.campaignpilot.publishing.ChannelDispatcher;
import io.campaignpilot.publishing.Publishing;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

/**
 * Campaigns as the lifecycle leaves them just before publishing (registered, audience and holdout selected, variants
 * approved), set up directly, for tests about what publishing does afterwards; then recorded and dispatched with the
 * application's own Publishing and ChannelDispatcher. Their customers live in a region of their own, so no other
 * test's audience ever includes them.
 */
final class CampaignFixtures {
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final CampaignRepository campaigns;
    private final Audiences audiences;
    private final VariantStore variants;
    private final Publishing publishing;
    private final ChannelDispatcher dispatcher;

    CampaignFixtures(ApplicationContext context) {
        this.jdbc = context.getBean(JdbcClient.class);
        this.template = context.getBean(JdbcTemplate.class);
        this.campaigns = context.getBean(CampaignRepository.class);
        this.audiences = context.getBean(Audiences.class);
        this.variants = context.getBean(VariantStore.class);
        this.publishing = context.getBean(Publishing.class);
        this.dispatcher = context.getBean(ChannelDispatcher.class);
    }

    static String region(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** New customers in the region, consenting to every channel; first names as given, in turn. */
    List<Long> customers(String region, int count, String... firstNames) {
        return customers(region, "fixtures", count, firstNames);
    }

    /** The same, in a segment of their own. */
    List<Long> customers(String region, String segment, int count, String... firstNames) {
        synchronized (CampaignFixtures.class) {
            long first = jdbc.sql("select coalesce(max(id), 0) + 1 from customer").query(Long.class).single();
            List<Long> ids = LongStream.range(first, first + count).boxed().toList();
            template.batchUpdate("""
                            insert into customer (id, email, phone, first_name, region, locale, segment, loyalty_tier,
                                consent_email, consent_sms, consent_push, consent_web, consent_social)
                            values (?, ?, ?, ?, ?, 'en-GB', ?, 'silver', true, true, true, true, true)""", ids, 1000,
                    (ps, id) -> {
                        ps.setLong(1, id);
                        ps.setString(2, "fixture." + id + "@customers.example");
                        ps.setString(3, "+4477019" + id);
                        ps.setString(4, firstNames[(int) ((id - first) % firstNames.length)]);
                        ps.setString(5, region);
                        ps.setString(6, segment);
                    });
            return ids;
        }
    }

    /**
     * Registers a campaign to the region's customers with these variants as the approved latest round; the audience
     * split is the application's, except that {@code holdout} (when given) are the holdout and everyone else is in the
     * treatment, so tests need not depend on where the random split falls.
     */
    String campaign(String region, List<Long> holdout, ChannelVariant... approved) {
        return campaign(region, "Fixture campaign", "outdoor", List.of("HP-OUT-004"), holdout, approved);
    }

    /** The same, promoting these products of this category under this title. */
    String campaign(String region, String title, String category, List<String> skus, List<Long> holdout,
                    ChannelVariant... approved) {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        List<Channel> channels = java.util.Arrays.stream(approved).map(ChannelVariant::channel).distinct().toList();
        campaigns.insert(new Campaign(id, "fixture-" + id, "OVERSTOCK", title, region, category, skus, 10, channels, "all",
                null, CampaignStatus.RUNNING, "LOW", null, null, "test", now, now, null));
        audiences.select(id, region, "all", customer -> false);   // the tests choose their customers: no global control group
        if (holdout != null) {
            jdbc.sql("update audience_member set holdout = false where campaign_id = ?").param(id).update();
            if (!holdout.isEmpty()) {
                jdbc.sql("update audience_member set holdout = true where campaign_id = :id and customer_id in (:holdout)")
                        .param("id", id).param("holdout", holdout).update();
            }
        }
        for (ChannelVariant variant : approved) {
            variants.save(id, 1, variant, List.of());
        }
        return id;
    }

    /** Records the channel's deliveries, as the process's publishing step does. */
    int record(String campaignId, Channel channel) {
        return publishing.record(campaignId, channel);
    }

    /** Dispatches the channel until nothing is left on its way, as the process's dispatch step does. */
    Map<String, Integer> dispatch(String campaignId, Channel channel) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            ChannelDispatcher.Turn turn = dispatcher.dispatch(campaignId, channel, "fixtures", () -> true);
            if (turn.done()) {
                return turn.byStatus();
            }
        }
        throw new AssertionError(channel.key() + " of " + campaignId + " still had deliveries on their way after 2 minutes");
    }

    /** Records and dispatches every channel, then ends the campaign as Published, as the lifecycle does. */
    void publish(String campaignId, Channel... channels) {
        for (Channel channel : channels) {
            record(campaignId, channel);
            dispatch(campaignId, channel);
        }
        campaigns.end(campaignId, CampaignStatus.PUBLISHED, "published by the test fixtures");
    }

    static ChannelVariant web(int variantNo, String headline, String body, String callToAction) {
        return new ChannelVariant(Channel.WEB, variantNo, Map.of("headline", headline, "body", body, "callToAction",
                callToAction), List.of(), "grounded", null, null, List.of(), "en-GB");
    }

    static ChannelVariant email(String subject, String body) {
        return new ChannelVariant(Channel.EMAIL, 1, Map.of("subject", subject, "preheader", "Picked for you", "body", body,
                "callToAction", "See the details"), List.of(), "grounded", null, null, List.of(), "en-GB");
    }
}
