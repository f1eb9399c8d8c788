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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A campaign's result from its arms and the orders in its window: estimates, intervals, and when there is no verdict. */
class MeasurementServiceTest {
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
        for (String id : List.of("lift", "few", "skewed")) {
            campaigns.insert(new Campaign(id, "event-" + id, "OVERSTOCK", "Tents", "north", "outdoor", List.of("TENT-1"), 20,
                    List.of(Channel.EMAIL), "all", null, CampaignStatus.RUNNING, "LOW", null, null, "test", null, null, null));
        }
        measurement = new MeasurementService(jdbc,
                new Audiences(jdbc, new JdbcTemplate(database), new AudienceProperties(10), new FrequencyCap(3, Duration.ofDays(7))),
                campaigns, new Catalog(jdbc, event -> { }), new AuditLog(jdbc, JsonMapper.builder().findAndAddModules().build()),
                new MeasurementProperties(Duration.ofDays(14)));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aClearLiftIsMeasuredWithItsIntervals(String kind) {
        retailer(kind);
        measurement.schedule("lift");
        arm("lift", false, 4_500, 675);   // 15 % bought
        arm("lift", true, 500, 50);       // 10 % bought
        order("late", 1, Instant.now().plus(Duration.ofDays(30)));   // after the window: does not count

        Measurement m = measurement.measure("lift");

        assertThat(m.treatmentBuyers()).isEqualTo(675);
        assertThat(m.holdoutBuyers()).isEqualTo(50);
        assertThat(m.incrementalLift()).isCloseTo(0.5, within(1e-9));
        // 6.00 against 4.00 revenue per customer, for 4,500 treatment customers
        assertThat(m.incrementalRevenue()).isEqualByComparingTo("9000.00");
        // margin after the 20 % discount: (80 - 40) / 80
        assertThat(m.contributionMargin()).isEqualByComparingTo("4500.00");
        Measurement.Confidence c = m.confidence();
        assertThat(c.verdict()).isEqualTo("LIFT");
        assertThat(c.warning()).isNull();
        // se of the difference = sqrt(0.1275/4500 + 0.09/500) = 0.01445, t = 3.46
        assertThat(c.liftPValue()).isLessThan(0.001);
        // delta method: 0.5 +- 1.96 * sqrt(0.1275/(4500 * 0.01) + 0.0225 * 0.09/(500 * 0.0001)) = 0.5 +- 0.408
        assertThat(c.liftLow()).isCloseTo(0.092, within(0.002));
        assertThat(c.liftHigh()).isCloseTo(0.908, within(0.002));
        assertThat(c.incrementalRevenueLow()).isLessThan(new BigDecimal("9000")).isPositive();
        assertThat(c.incrementalRevenueHigh()).isGreaterThan(new BigDecimal("9000"));
        assertThat(c.contributionMarginLow().doubleValue()).isCloseTo(c.incrementalRevenueLow().doubleValue() / 2, within(0.01));
        assertThat(c.sampleRatioMismatch()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aHandfulOfHoldoutBuyersGivesNoVerdict(String kind) {
        retailer(kind);
        measurement.schedule("few");
        arm("few", false, 450, 60);
        arm("few", true, 50, 3);

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
        arm("skewed", false, 1_500, 150);
        arm("skewed", true, 500, 40);    // 25 % held out where 10 % should be

        Measurement.Confidence c = measurement.measure("skewed").confidence();

        assertThat(c.sampleRatioMismatch()).isTrue();
        assertThat(c.sampleRatioPValue()).isLessThan(1e-6);
        assertThat(c.verdict()).isEqualTo("NO_VERDICT");
        assertThat(c.warning()).startsWith("the arms are not the intended split: 1500 treatment and 500 holdout");
    }

    /** Customers of one arm; the first {@code buyers} of them each bought one tent for 40.00 in the window. */
    private void arm(String campaignId, boolean holdout, int customers, int buyers) {
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
                order(campaignId + "-" + id, id, Instant.now().plus(Duration.ofHours(1)));
            }
        }
    }

    private void order(String eventId, long customerId, Instant at) {
        jdbc.sql("insert into order_event (event_id, customer_id, sku, quantity, revenue, occurred_at) values (?, ?, 'TENT-1', 1, 40.00, ?)")
                .params(eventId, customerId, Timestamp.from(at)).update();
    }
}
