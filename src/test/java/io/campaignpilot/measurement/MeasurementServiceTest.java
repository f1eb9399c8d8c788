package io.campaignpilot.measurement;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.campaignpilot.audience.AudienceProperties;
import io.campaignpilot.audience.Audiences;
import io.campaignpilot.audience.FrequencyCap;
import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.campaign.CampaignStatus;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.catalog.Catalog;
import io.campaignpilot.catalog.StockSnapshots;
import io.campaignpilot.dev.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.groups.Tuple.tuple;

/** A campaign's result from its arms and the orders in its window: estimates, intervals, and when there is no verdict. */
class MeasurementServiceTest {
    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();
    private HikariDataSource database;
    private JdbcClient jdbc;
    private MeasurementService measurement;
    private long nextCustomer = 1;

    private void retailer(String kind) {
        database = TestDatabases.migrated(kind, "measurement");
        jdbc = JdbcClient.create(database);
        jdbc.sql("""
                insert into product (sku, name, brand, category, price, unit_cost, stock, regulated, description)
                values ('TENT-1', 'Ridge tent', 'Harbor', 'outdoor', 100.00, 40.00, 500, false, 'tent')""").update();
        CampaignRepository campaigns = new CampaignRepository(jdbc);
        for (String id : List.of("lift", "few", "skewed", "steady")) {
            campaigns.insert(new Campaign(id, "event-" + id, "OVERSTOCK", "Tents", "north", "outdoor", List.of("TENT-1"), 20,
                    List.of(Channel.EMAIL), "all", null, CampaignStatus.RUNNING, "LOW", null, null, "test", null, null, null));
        }
        measurement = new MeasurementService(jdbc,
                new Audiences(jdbc, new JdbcTemplate(database), new AudienceProperties(10), new FrequencyCap(3, Duration.ofDays(7))),
                campaigns, new Catalog(jdbc, event -> { }), new AuditLog(jdbc, JSON, TestDatabases.transactions(database)),
                new MeasurementProperties(Duration.ofDays(14), Map.of("email", new BigDecimal("0.001"))), JSON,
                new StockSnapshots(jdbc, new Catalog(jdbc, event -> { })));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aClearLiftIsMeasuredWithItsIntervalsAndItsContribution(String kind) {
        retailer(kind);
        measurement.schedule("lift");
        arm("lift", false, 4_500, 810, "80.00");   // 18 % bought, at the campaign's 20 % off list price 100
        arm("lift", true, 500, 50, "100.00");      // 10 % bought, at list price
        order("late", 1, Instant.now().plus(Duration.ofDays(30)), "80.00");   // after the window: does not count
        returned("refund", 2, "80.00");            // customer 2 brought it back: no longer a buyer, no revenue
        sent("lift", 4_500);
        jdbc.sql("""
                insert into generation_call (campaign_id, round, channel, generator, model, prompt, latency_ms, created_at, cost)
                values ('lift', 1, 'email', 'openai', 'gpt-4o-mini', 'p', 900, ?, 0.25)""")
                .param(Timestamp.from(Instant.now())).update();

        Measurement m = measurement.measure("lift");

        assertThat(m.treatmentBuyers()).isEqualTo(809);
        assertThat(m.holdoutBuyers()).isEqualTo(50);
        // by hand: 809 buyers paying 80 = 64,720 over 4,500 = 14.3822 per customer, against 10.00 in the holdout
        assertThat(m.incrementalRevenue()).isEqualByComparingTo("19720.00");
        Measurement.Costs costs = m.costs();
        // at list price: 809 * (100 - 40) / 4500 = 10.7867 against 6.00 per customer, times 4,500
        assertThat(costs.grossMarginAtList()).isEqualByComparingTo("21540.00");
        // 20.00 off on each of 809 purchases (and 20.00 on the returned one came back with it)
        assertThat(costs.discountCost()).isEqualByComparingTo("16180.00");
        assertThat(costs.sendCost()).isEqualByComparingTo("4.50");     // 4,500 emails at 0.001
        assertThat(costs.aiCost()).isEqualByComparingTo("0.25");
        // (21,540 - 16,180) - 4.50 - 0.25
        assertThat(m.contributionMargin()).isEqualByComparingTo("5355.25");
        Measurement.Confidence c = m.confidence();
        assertThat(c.verdict()).isEqualTo("LIFT");
        assertThat(c.warning()).isNull();
        assertThat(c.liftPValue()).isLessThan(1e-6);
        assertThat(m.incrementalLift()).isCloseTo(809 / 4500.0 / 0.1 - 1, within(1e-9));
        assertThat(c.incrementalRevenueLow()).isLessThan(new BigDecimal("19720")).isPositive();
        assertThat(c.incrementalRevenueHigh()).isGreaterThan(new BigDecimal("19720"));
        assertThat(c.contributionMarginLow()).isLessThan(new BigDecimal("5355.25"));
        assertThat(c.contributionMarginHigh()).isGreaterThan(new BigDecimal("5355.25"));
        assertThat(c.sampleRatioMismatch()).isFalse();
        // the email went to all 4,500 (variant 1 to the odd, 2 to the even customers); every holdout customer consents to
        // email, so the channel's slice is the campaign's result, and each arm is compared with the same holdout
        assertThat(m.slices()).extracting(Measurement.Slice::channel, Measurement.Slice::variantNo, Measurement.Slice::sent,
                        Measurement.Slice::holdoutCustomers)
                .containsExactly(tuple("email", null, 4_500, 500),
                        tuple("email", 1, 2_250, 500),
                        tuple("email", 2, 2_250, 500));
        assertThat(m.slices().getFirst().lift()).isCloseTo(m.incrementalLift(), within(1e-9));
        assertThat(m.slices().get(1).buyers() + m.slices().get(2).buyers()).isEqualTo(809);
        assertThat(measurement.find("lift").orElseThrow().slices()).as("kept as stored").isEqualTo(m.slices());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aHandfulOfHoldoutBuyersGivesNoVerdict(String kind) {
        retailer(kind);
        measurement.schedule("few");
        arm("few", false, 450, 60, "80.00");
        arm("few", true, 50, 3, "100.00");

        Measurement m = measurement.measure("few");

        assertThat(m.confidence().verdict()).isEqualTo("NO_VERDICT");
        assertThat(m.confidence().warning()).isEqualTo(
                "too few to judge: holdout has 50 customers and 3 buyers (needs 100 and 10)");
        assertThat(m.incrementalRevenue()).as("the estimate is still shown").isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void armsThatAreNotTheIntendedSplitAreFlagged(String kind) {
        retailer(kind);
        measurement.schedule("skewed");
        arm("skewed", false, 1_500, 150, "80.00");
        arm("skewed", true, 500, 40, "100.00");    // 25 % held out where 10 % should be

        Measurement.Confidence c = measurement.measure("skewed").confidence();

        assertThat(c.sampleRatioMismatch()).isTrue();
        assertThat(c.sampleRatioPValue()).isLessThan(1e-6);
        assertThat(c.verdict()).isEqualTo("NO_VERDICT");
        assertThat(c.warning()).startsWith("the arms are not the intended split: 1500 treatment and 500 holdout");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2"})
    void theSplitIsJudgedAgainstTheShareTheAudienceWasGiven(String kind) {
        retailer(kind);
        measurement.schedule("skewed");
        arm("skewed", false, 1_500, 150, "80.00");
        arm("skewed", true, 500, 40, "100.00");
        // selected when a quarter was held out; 10 % is configured now
        jdbc.sql("insert into audience_split (campaign_id, holdout_share, selected_at) values ('skewed', 0.25, ?)")
                .param(java.sql.Timestamp.from(java.time.Instant.now())).update();

        Measurement.Confidence c = measurement.measure("skewed").confidence();

        assertThat(c.sampleRatioMismatch()).isFalse();
        assertThat(c.verdict()).isNotEqualTo("NO_VERDICT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void spendBeforeTheWindowNarrowsTheRevenueInterval(String kind) {
        retailer(kind);
        measurement.schedule("steady");
        arm("steady", false, 900, 0, "0");
        arm("steady", true, 100, 0, "0");
        // everyone spends in the window what they spent before, give or take, and the campaign adds 5.00 to it
        for (long id : jdbc.sql("select customer_id from audience_member where campaign_id = 'steady'").query(Long.class).list()) {
            boolean treated = !jdbc.sql("select holdout from audience_member where campaign_id = 'steady' and customer_id = ?")
                    .param(id).query(Boolean.class).single();
            BigDecimal before = BigDecimal.valueOf(20 + (id * 37) % 60);
            order("before-" + id, id, Instant.now().minus(Duration.ofDays(2)), before.toPlainString());
            BigDecimal during = before.add(BigDecimal.valueOf((id % 3) - 1)).add(treated ? BigDecimal.valueOf(5) : BigDecimal.ZERO);
            order("during-" + id, id, Instant.now().plus(Duration.ofHours(1)), during.toPlainString());
        }
        Measurement withBefore = measurement.measure("steady");
        jdbc.sql("delete from order_event where event_id like 'before-%'").update();
        Measurement without = measurement.measure("steady");

        double narrow = width(withBefore.confidence());
        double wide = width(without.confidence());
        assertThat(narrow).isLessThan(0.2 * wide);
        assertThat(withBefore.incrementalRevenue().doubleValue()).as("5.00 for each of 900").isCloseTo(4_500, within(150.0));
    }

    private static double width(Measurement.Confidence c) {
        return c.incrementalRevenueHigh().subtract(c.incrementalRevenueLow()).doubleValue();
    }

    /** Customers of one arm; the first {@code buyers} of them each bought one tent in the window, paying {@code paid}. */
    private void arm(String campaignId, boolean holdout, int customers, int buyers, String paid) {
        for (int i = 0; i < customers; i++) {
            long id = nextCustomer++;
            jdbc.sql("""
                    insert into customer (id, email, phone, first_name, region, locale, segment, loyalty_tier,
                    consent_email, consent_sms, consent_push, consent_web, consent_social)
                    values (?, ?, '+447000000', 'Sam', 'north', 'en-GB', 'all', 'bronze', true, false, false, false, false)""")
                    .params(id, "c" + id + "@example.test").update();
            jdbc.sql("insert into audience_member (campaign_id, customer_id, holdout) values (?, ?, ?)")
                    .params(campaignId, id, holdout).update();
            if (i < buyers) {
                order(campaignId + "-" + id, id, Instant.now().plus(Duration.ofHours(1)), paid);
            }
        }
    }

    private void order(String eventId, long customerId, Instant at, String paid) {
        jdbc.sql("insert into order_event (event_id, customer_id, sku, quantity, revenue, occurred_at) values (?, ?, 'TENT-1', 1, ?, ?)")
                .params(eventId, customerId, new BigDecimal(paid), Timestamp.from(at)).update();
    }

    private void returned(String eventId, long customerId, String refunded) {
        jdbc.sql("""
                insert into order_event (event_id, kind, customer_id, sku, quantity, revenue, occurred_at)
                values (?, 'RETURN', ?, 'TENT-1', 1, ?, ?)""")
                .params(eventId, customerId, new BigDecimal(refunded).negate(),
                        Timestamp.from(Instant.now().plus(Duration.ofHours(3)))).update();
    }

    private void sent(String campaignId, int emails) {
        List<Long> treatment = jdbc.sql("select customer_id from audience_member where campaign_id = ? and holdout = false "
                + "order by customer_id").param(campaignId).query(Long.class).list();
        for (Long customer : treatment.subList(0, emails)) {
            jdbc.sql("""
                    insert into delivery (campaign_id, channel, customer_id, address, status, variant_no, created_at)
                    values (?, 'email', ?, 'x@example.test', 'SENT', ?, ?)""")
                    .params(campaignId, customer, customer % 2 == 1 ? 1 : 2, Timestamp.from(Instant.now())).update();
        }
    }
}
