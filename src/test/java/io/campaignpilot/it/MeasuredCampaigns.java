package io.campaignpilot.it;

import io.campaignpilot.audience.Audiences;
import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.campaign.CampaignStatus;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.measurement.MeasurementService;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Campaigns for the results view, set up once per database: one published a fortnight ago whose window has closed and
 * was measured by the application's own MeasurementService (email in two A/B arms and SMS; the treatment buys more
 * than the holdout, early in the window), one published three days ago whose window is still open, and one still in
 * review. Their customers live in a region of their own, so no other test's audience includes them, and each campaign
 * promotes a product no other test's orders are for.
 */
final class MeasuredCampaigns {
    static final String MEASURED_TITLE = "Wool throws for autumn evenings";
    static final String OPEN_TITLE = "Pour-over coffee kit for new starters";
    static final String IN_REVIEW_TITLE = "Organic cotton tees for spring";
    private static final String MEASURED_EVENT = "results-fixture-measured";

    record Seeded(String measured, String open, String inReview) {
    }

    private MeasuredCampaigns() {
    }

    static synchronized Seeded seed(ApplicationContext context) {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        CampaignRepository campaigns = context.getBean(CampaignRepository.class);
        if (campaigns.findByTriggerEvent(MEASURED_EVENT).isPresent()) {
            return new Seeded(campaigns.findByTriggerEvent(MEASURED_EVENT).orElseThrow().id(),
                    campaigns.findByTriggerEvent(MEASURED_EVENT + "-open").orElseThrow().id(),
                    campaigns.findByTriggerEvent(MEASURED_EVENT + "-review").orElseThrow().id());
        }
        JdbcTemplate template = context.getBean(JdbcTemplate.class);
        Audiences audiences = context.getBean(Audiences.class);
        String region = CampaignFixtures.region("results");
        new CampaignFixtures(context).customers(region, 2_400, "Amelia", "Oliver", "Isla", "George");
        Instant now = Instant.now();
        Random draw = new Random(20261122L);

        // published 16 days ago; its window opened 15 days ago and closed yesterday
        String measured = campaign(jdbc, campaigns, audiences, MEASURED_EVENT, "OVERSTOCK", MEASURED_TITLE, region, "home",
                "HP-HOM-001", List.of(Channel.EMAIL, Channel.SMS), "MEDIUM");
        Instant start = now.minus(Duration.ofDays(15));
        Instant end = now.minus(Duration.ofDays(1));
        List<Object[]> deliveries = new ArrayList<>();
        List<Object[]> orders = new ArrayList<>();
        for (long customer : members(jdbc, measured, false)) {
            deliveries.add(delivery(measured, Channel.EMAIL, customer, customer % 2 == 0 ? 1 : 2, start));
            if (customer % 3 == 0) {
                deliveries.add(delivery(measured, Channel.SMS, customer, 1, start));
            }
            // 18 % buy at the campaign's 20 % off list price (79.00), most of them soon after the send
            if (draw.nextDouble() < 0.18) {
                orders.add(order(measured, customer, "HP-HOM-001", "63.20", at(start, end, Math.pow(draw.nextDouble(), 2))));
            }
        }
        for (long customer : members(jdbc, measured, true)) {
            // 10 % buy anyway, at list price, evenly over the window
            if (draw.nextDouble() < 0.10) {
                orders.add(order(measured, customer, "HP-HOM-001", "79.00", at(start, end, draw.nextDouble())));
            }
        }
        template.batchUpdate("""
                insert into delivery (campaign_id, channel, customer_id, address, status, variant_no, created_at, sent_at,
                    idempotency_key) values (?, ?, ?, 'fixture', 'SENT', ?, ?, ?, ?)""", deliveries);
        insertOrders(template, orders);
        jdbc.sql("insert into measurement (campaign_id, scheduled_at, window_ends_at) values (?, ?, ?)")
                .params(measured, Timestamp.from(start), Timestamp.from(end)).update();
        context.getBean(MeasurementService.class).measure(measured);
        published(context, measured, now.minus(Duration.ofDays(16)), "published to email, sms");

        // published three days ago: its window is open for another eleven days, a few have bought so far
        String open = campaign(jdbc, campaigns, audiences, MEASURED_EVENT + "-open", "SEASONAL_LAUNCH", OPEN_TITLE, region,
                "kitchen", "HP-KIT-004", List.of(Channel.EMAIL), "LOW");
        Instant opened = now.minus(Duration.ofDays(3));
        List<Object[]> soFar = new ArrayList<>();
        for (long customer : members(jdbc, open, false)) {
            if (draw.nextDouble() < 0.05) {
                soFar.add(order(open, customer, "HP-KIT-004", "35.10", at(opened, now.minus(Duration.ofHours(1)), draw.nextDouble())));
            }
        }
        for (long customer : members(jdbc, open, true)) {
            if (draw.nextDouble() < 0.03) {
                soFar.add(order(open, customer, "HP-KIT-004", "39.00", at(opened, now.minus(Duration.ofHours(1)), draw.nextDouble())));
            }
        }
        insertOrders(template, soFar);
        jdbc.sql("insert into measurement (campaign_id, scheduled_at, window_ends_at) values (?, ?, ?)")
                .params(open, Timestamp.from(opened), Timestamp.from(opened.plus(Duration.ofDays(14)))).update();
        published(context, open, opened.minus(Duration.ofHours(2)), "published to email");

        // still with its reviewers: nothing to measure yet
        String inReview = campaign(jdbc, campaigns, audiences, MEASURED_EVENT + "-review", "BRIEF", IN_REVIEW_TITLE, region,
                "apparel", "HP-APP-003", List.of(Channel.EMAIL, Channel.PUSH), "HIGH");
        return new Seeded(measured, open, inReview);
    }

    private static String campaign(JdbcClient jdbc, CampaignRepository campaigns, Audiences audiences, String event, String trigger,
                                   String title, String region, String category, String sku, List<Channel> channels, String tier) {
        String id = java.util.UUID.randomUUID().toString();
        Instant now = Instant.now();
        campaigns.insert(new Campaign(id, event, trigger, title, region, category, List.of(sku), 20, channels, "all",
                null, CampaignStatus.RUNNING, null, null, null, "test", now, now, null));
        campaigns.updateTier(id, tier);
        audiences.select(id, region, "all", customer -> false);
        // shown as one of the demo retailer's regions; the audience stays the fixture's own customers
        jdbc.sql("update campaign set region = 'north' where id = ?").param(id).update();
        return id;
    }

    /** Ends the campaign as Published, as the lifecycle does (with its audit entry), registered when given. */
    private static void published(ApplicationContext context, String id, Instant registered, String reason) {
        context.getBean(CampaignRepository.class).end(id, CampaignStatus.PUBLISHED, reason);
        context.getBean(AuditLog.class).record(id, "process", "CAMPAIGN_ENDED", Map.of("status", "PUBLISHED", "reason", reason));
        context.getBean(JdbcClient.class).sql("update campaign set created_at = ?, ended_at = ? where id = ?")
                .params(Timestamp.from(registered), Timestamp.from(registered.plus(Duration.ofMinutes(40))), id).update();
    }

    private static List<Long> members(JdbcClient jdbc, String campaignId, boolean holdout) {
        return jdbc.sql("select customer_id from audience_member where campaign_id = ? and holdout = ? order by customer_id")
                .params(campaignId, holdout).query(Long.class).list();
    }

    private static Instant at(Instant from, Instant to, double share) {
        return from.plusMillis((long) (share * Duration.between(from, to).toMillis()));
    }

    private static Object[] delivery(String campaignId, Channel channel, long customer, int variant, Instant at) {
        return new Object[]{campaignId, channel.key(), customer, variant, Timestamp.from(at), Timestamp.from(at),
                campaignId + ":" + channel.key() + ":" + customer};
    }

    private static Object[] order(String campaignId, long customer, String sku, String paid, Instant at) {
        return new Object[]{campaignId + "-order-" + customer, customer, sku, new BigDecimal(paid), Timestamp.from(at)};
    }

    private static void insertOrders(JdbcTemplate template, List<Object[]> orders) {
        template.batchUpdate("insert into order_event (event_id, customer_id, sku, quantity, revenue, occurred_at) "
                + "values (?, ?, ?, 1, ?, ?)", orders);
    }
}
