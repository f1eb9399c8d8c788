package io.campaignpilot.scorecard;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.campaignpilot.dev.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The scorecard of a period, computed by hand from a handful of recorded campaigns. */
class ScorecardsTest {
    private static final Instant DAY = Instant.parse("2026-11-10T00:00:00Z");
    private JdbcClient jdbc;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aPeriodsFiguresFromItsCampaignsOnly(String kind) {
        try (HikariDataSource database = TestDatabases.migrated(kind, "scorecard")) {
            jdbc = JdbcClient.create(database);
            // a: LOW, auto-approved, published after 30 min; b: MEDIUM, changes requested once, then approved and
            // published after 90 min; c: HIGH, rejected by legal; d: blocked to the end; e: outside the period
            campaign("a", "PUBLISHED", 0, 30);
            campaign("b", "PUBLISHED", 0, 90);
            campaign("c", "REJECTED", 0, 60);
            campaign("d", "NOT_VIABLE", 0, 45);
            campaign("e", "PUBLISHED", -60 * 24 * 3, 10);
            campaign("f", "WITHDRAWN", 0, 20);         // withdrawn while sending
            sent("a", "email", 100, "SENT");
            sent("a", "sms", 10, "SENT");
            sent("b", "email", 50, "SENT");
            sent("b", "email", 5, "BOUNCED");          // not sent: costs nothing
            sent("f", "email", 3, "SENT");
            sent("f", "email", 7, "WITHDRAWN");
            sent("e", "email", 1000, "SENT");          // outside the period
            stock("a", "TENT-1", "AT_SEND", 40);
            stock("a", "TENT-1", "WINDOW_END", 0);     // sold out in the window
            stock("a", "STOVE-1", "AT_SEND", 12);
            stock("a", "STOVE-1", "WINDOW_END", 3);
            stock("b", "TENT-1", "AT_SEND", 0);        // out of stock when sent (the rules let a back-order through)
            stock("b", "TENT-1", "WINDOW_END", 0);     // not a stock-out of the window: it was never in stock
            check("a", 1, "PRE_REVIEW", 5, "[]");
            decision("a", 1, "auto-approval", "approve", 6);
            check("b", 1, "PRE_REVIEW", 10, finding("margin-floor"));
            decision("b", 1, "Marketing review", "requestChanges", 30);     // 20 min after its review opened
            check("b", 2, "PRE_REVIEW", 40, finding("margin-floor"));
            check("b", 2, "REVIEWER_EDIT", 45, "[]");
            decision("b", 2, "Marketing review", "approve", 80);            // 40 min
            check("c", 1, "PRE_REVIEW", 10, finding("unapproved-claim"));
            decision("c", 1, "Marketing review", "approve", 20);
            decision("c", 1, "Legal review", "reject", 50);                 // 40 min after the review opened
            check("d", 1, "PRE_REVIEW", 10, finding("unapproved-claim"));
            check("e", 1, "PRE_REVIEW", 10, finding("margin-floor"));
            decision("e", 1, "auto-approval", "approve", 11);
            call("a", "gpt-4o-mini", 1000, 200, 800, null, "0.0003");
            call("b", "gpt-4o-mini", 1200, 250, 1200, null, "0.0004");
            call("b", "gpt-4o-mini", 0, 0, 30000, "timeout", null);
            call("b", "grounded", 0, 0, 5, null, null);
            call("e", "gpt-4o-mini", 5000, 900, 9000, null, "0.0020");
            variant("a", null);
            variant("b", null);
            variant("b", "the model timed out");
            measured("a", "1000.00", "400.00", "1600.00", "LIFT");
            measured("b", "-200.00", "-1000.00", "600.00", "NO_EFFECT_SHOWN");
            audit("a", "CAMPAIGN_ENDED");
            audit("b", "CAMPAIGN_ENDED");
            audit("c", "CAMPAIGN_ENDED");

            Map<String, BigDecimal> sendCost = Map.of("email", new BigDecimal("0.001"), "sms", new BigDecimal("0.04"));
            Scorecard card = new Scorecards(jdbc, JsonMapper.builder().findAndAddModules().build(),
                    channel -> sendCost.getOrDefault(channel, BigDecimal.ZERO), () -> Map.of("b", 2L, "e", 1L))
                    .between(DAY.minus(Duration.ofDays(1)), DAY.plus(Duration.ofDays(1)));

            assertThat(card.campaigns()).isEqualTo(5);
            assertThat(card.flow().published()).isEqualTo(2);
            assertThat(card.flow().cycleMinutesP50()).isCloseTo(60, within(1e-9));
            assertThat(card.review().turnaroundMinutesP50()).isCloseTo(40, within(1e-9));
            assertThat(card.review().autoApprovedShare()).as("a of a, b, c").isCloseTo(1.0 / 3, within(1e-9));
            assertThat(card.review().approvedFirstTimeShare()).as("a and c of a, b, c").isCloseTo(2.0 / 3, within(1e-9));
            assertThat(card.review().changesRequestedPerReviewed()).as("one of b, c").isCloseTo(0.5, within(1e-9));
            assertThat(card.review().editsPerReviewed()).isCloseTo(0.5, within(1e-9));
            assertThat(card.exceptions().ended()).isEqualTo(5);
            assertThat(card.exceptions().endedBy()).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
                    "NOT_VIABLE", 1L, "PUBLISHED", 2L, "REJECTED", 1L, "WITHDRAWN", 1L)));
            assertThat(card.exceptions().rejectedShare()).isCloseTo(0.2, within(1e-9));
            assertThat(card.exceptions().rolledBack()).as("f").isEqualTo(1);
            assertThat(card.exceptions().openIncidents()).as("b's two; e is outside the period").isEqualTo(2);
            assertThat(card.exceptions().campaignsWithIncidents()).isEqualTo(1);
            assertThat(card.models().calls()).as("the grounded writer and e's call are not counted").isEqualTo(3);
            assertThat(card.models().promptTokens()).isEqualTo(2200);
            assertThat(card.models().failureRate()).isCloseTo(1.0 / 3, within(1e-9));
            assertThat(card.models().fallbackRate()).isCloseTo(1.0 / 3, within(1e-9));
            assertThat(card.models().cost()).isEqualByComparingTo("0.0007");
            assertThat(card.models().costPerCampaign()).isEqualByComparingTo("0.0001");   // 0.0007 / 5, to 4 places
            assertThat(card.findingsByRule()).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
                    "margin-floor", 2L, "unapproved-claim", 2L)));
            assertThat(card.results().measured()).isEqualTo(2);
            assertThat(card.results().incrementalRevenue()).isEqualByComparingTo("800.00");
            // half-widths 600 and 800: the sum's is sqrt(600^2 + 800^2) = 1000
            assertThat(card.results().incrementalRevenueLow()).isEqualByComparingTo("-200.00");
            assertThat(card.results().incrementalRevenueHigh()).isEqualByComparingTo("1800.00");
            assertThat(card.results().verdicts()).containsEntry("LIFT", 1L).containsEntry("NO_EFFECT_SHOWN", 1L);
            assertThat(card.audit().endedWithTrailShare()).isCloseTo(0.6, within(1e-9));
            // in stock when sent: a's two of the three; sold out in the window: a's tent, of the two read again
            assertThat(card.inventory().promotedAtSend()).isEqualTo(3);
            assertThat(card.inventory().inStockAtSendShare()).isCloseTo(2.0 / 3, within(1e-9));
            assertThat(card.inventory().readAtWindowEnd()).isEqualTo(2);
            assertThat(card.inventory().stockOutsInWindow()).isEqualTo(1);
            assertThat(card.inventory().stockOutShare()).isCloseTo(0.5, within(1e-9));
            // sent: 153 emails × 0.001 + 10 SMS × 0.04 = 0.553; with the models' 0.0007: 0.5537, per campaign / 5,
            // per asset (a's and b's variants of round 1, three) / 3
            assertThat(card.costs().send()).isEqualByComparingTo("0.553");
            assertThat(card.costs().ai()).isEqualByComparingTo("0.0007");
            assertThat(card.costs().total()).isEqualByComparingTo("0.5537");
            assertThat(card.costs().perCampaign()).isEqualByComparingTo("0.1107");
            assertThat(card.costs().assets()).isEqualTo(3);
            assertThat(card.costs().perAsset()).isEqualByComparingTo("0.1846");
        }
    }

    private void campaign(String id, String status, int startMinute, int minutesToEnd) {
        Instant created = DAY.plus(Duration.ofMinutes(startMinute));
        jdbc.sql("""
                insert into campaign (id, trigger_event_id, trigger_type, title, region, skus, discount_percent, channels,
                status, created_by, created_at, updated_at, ended_at)
                values (?, ?, 'OVERSTOCK', 'Tents', 'north', 'TENT-1', 10, 'email', ?, 'test', ?, ?, ?)""")
                .params(id, "event-" + id, status, Timestamp.from(created), Timestamp.from(created),
                        Timestamp.from(created.plus(Duration.ofMinutes(minutesToEnd))))
                .update();
    }

    private Instant at(String campaignId, int minute) {
        Instant created = jdbc.sql("select created_at from campaign where id = ?").param(campaignId)
                .query(Timestamp.class).single().toInstant();
        return created.plus(Duration.ofMinutes(minute));
    }

    private void check(String campaignId, int round, String checkpoint, int minute, String findings) {
        jdbc.sql("""
                insert into policy_decision (campaign_id, round, checkpoint, tier, rules_version, findings, decided_at)
                values (?, ?, ?, 'MEDIUM', 'v1', ?, ?)""")
                .params(campaignId, round, checkpoint, findings, Timestamp.from(at(campaignId, minute))).update();
    }

    private void decision(String campaignId, int round, String review, String decision, int minute) {
        jdbc.sql("""
                insert into review_decision (campaign_id, round, review, reviewer, decision, comment, decided_at)
                values (?, ?, ?, 'someone', ?, 'why', ?)""")
                .params(campaignId, round, review, decision, Timestamp.from(at(campaignId, minute))).update();
    }

    private static String finding(String rule) {
        return "[{\"code\": \"X\", \"severity\": \"REVIEW_MARKETING\", \"message\": \"m\", \"rule\": \"" + rule
                + "\", \"channel\": \"email\", \"evidence\": null}]";
    }

    private void call(String campaignId, String generator, int prompt, int completion, long latency, String error, String cost) {
        jdbc.sql("""
                insert into generation_call (campaign_id, round, channel, generator, model, prompt, prompt_tokens,
                completion_tokens, latency_ms, error, created_at, cost)
                values (?, 1, 'email', ?, ?, 'p', ?, ?, ?, ?, ?, ?)""")
                .params(campaignId, generator, "grounded".equals(generator) ? null : generator, prompt, completion, latency,
                        error, Timestamp.from(DAY), cost == null ? null : new BigDecimal(cost))
                .update();
    }

    private void variant(String campaignId, String fallback) {
        int next = jdbc.sql("select count(*) from campaign_variant").query(Integer.class).single() + 1;
        jdbc.sql("""
                insert into campaign_variant (campaign_id, round, channel, variant_no, content, citations, generator,
                fallback_reason, created_at) values (?, 1, 'email', ?, '{}', '[]', 'openai', ?, ?)""")
                .params(campaignId, next, fallback, Timestamp.from(DAY)).update();
    }

    private void measured(String campaignId, String revenue, String low, String high, String verdict) {
        jdbc.sql("""
                insert into measurement (campaign_id, scheduled_at, window_ends_at, measured_at, incremental_revenue,
                incremental_revenue_low, incremental_revenue_high, contribution_margin, contribution_margin_low,
                contribution_margin_high, verdict) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(campaignId, Timestamp.from(DAY), Timestamp.from(DAY), Timestamp.from(DAY), new BigDecimal(revenue),
                        new BigDecimal(low), new BigDecimal(high), new BigDecimal(revenue).divide(BigDecimal.TWO),
                        new BigDecimal(low).divide(BigDecimal.TWO), new BigDecimal(high).divide(BigDecimal.TWO), verdict)
                .update();
    }

    private void sent(String campaignId, String channel, int count, String status) {
        long first = jdbc.sql("select count(*) from delivery").query(Long.class).single() + 1;
        for (long customer = first; customer < first + count; customer++) {
            jdbc.sql("""
                    insert into delivery (campaign_id, channel, customer_id, address, status, variant_no, created_at)
                    values (?, ?, ?, 'someone@customers.example', ?, 1, ?)""")
                    .params(campaignId, channel, customer, status, Timestamp.from(DAY)).update();
        }
    }

    private void stock(String campaignId, String sku, String moment, int units) {
        jdbc.sql("""
                insert into stock_snapshot (campaign_id, sku, moment, region, units, taken_at)
                values (?, ?, ?, 'north', ?, ?)""").params(campaignId, sku, moment, units, Timestamp.from(DAY)).update();
    }

    private void audit(String campaignId, String kind) {
        jdbc.sql("insert into audit_event (campaign_id, at, actor, kind, detail) values (?, ?, 'process', ?, '{}')")
                .params(campaignId, Timestamp.from(DAY), kind).update();
    }
}
