package io.campaignpilot.results;

import com.zaxxer.hikari.HikariDataSource;
import io.campaignpilot.dev.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each arm as bought and the cumulative buyers over the window, from known orders, on H2 and PostgreSQL. */
class ConversionTimelineTest {
    private static final Instant START = Instant.parse("2025-06-01T00:00:00Z");
    /** 40 hours: the timeline's 40 steps are whole hours. */
    private static final Instant END = START.plus(Duration.ofHours(40));

    private HikariDataSource database;
    private JdbcClient jdbc;
    private int events;

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void armsAndCumulativeBuyersFromTheOrdersInTheWindow(String kind) {
        database = TestDatabases.migrated(kind, "results");
        jdbc = JdbcClient.create(database);
        // 1,000 treatment customers (1..1000), 100 held out (1001..1100)
        for (long id = 1; id <= 1100; id++) {
            jdbc.sql("insert into audience_member (campaign_id, customer_id, holdout) values ('tents', ?, ?)")
                    .params(id, id > 1000).update();
        }
        // customers 1..200 buy one tent at 80.00, customer i at (i mod 40) h 30 min into the window
        for (long id = 1; id <= 200; id++) {
            order(id, "TENT-1", START.plus(Duration.ofHours(id % 40)).plus(Duration.ofMinutes(30)), "80.00");
        }
        order(1, "TENT-1", START.plus(Duration.ofHours(39)), "80.00");             // a second order: counted once, paid twice
        order(201, "TENT-1", START.plus(Duration.ofHours(2)), "80.00");            // bought and brought it back:
        returned(201, START.plus(Duration.ofHours(3)), "80.00");                   // not a buyer, nothing paid
        order(202, "TENT-1", END.plus(Duration.ofMinutes(1)), "80.00");            // after the window
        order(203, "STOVE-9", START.plus(Duration.ofHours(5)), "30.00");           // not a promoted product
        order(5000, "TENT-1", START.plus(Duration.ofHours(5)), "80.00");           // not in the audience
        // ten of the holdout buy at list price, all 20 h in
        for (long id = 1001; id <= 1010; id++) {
            order(id, "TENT-1", START.plus(Duration.ofHours(20)), "100.00");
        }

        ConversionTimeline.Reading reading = new ConversionTimeline(jdbc).read("tents", List.of("TENT-1"), START, END, END);

        CampaignResult.ArmResult treatment = reading.arms().get(0);
        assertThat(treatment.arm()).isEqualTo("treatment");
        assertThat(treatment.customers()).isEqualTo(1000);
        assertThat(treatment.buyers()).isEqualTo(200);
        assertThat(treatment.conversion().estimate()).isEqualByComparingTo("0.2");
        // Wilson's 95 % interval for 200 of 1,000
        assertThat(treatment.conversion().low().doubleValue()).isCloseTo(0.1764, within(1e-4));
        assertThat(treatment.conversion().high().doubleValue()).isCloseTo(0.2259, within(1e-4));
        // (200 x 80 + 80) / 1,000
        assertThat(treatment.revenuePerCustomer().estimate()).isEqualByComparingTo("16.08");
        assertThat(treatment.revenuePerCustomer().low()).isLessThan(new BigDecimal("16.08"));
        assertThat(treatment.revenuePerCustomer().high()).isGreaterThan(new BigDecimal("16.08"));

        CampaignResult.ArmResult holdout = reading.arms().get(1);
        assertThat(holdout.arm()).isEqualTo("holdout");
        assertThat(holdout.customers()).isEqualTo(100);
        assertThat(holdout.buyers()).isEqualTo(10);
        assertThat(holdout.conversion().estimate()).isEqualByComparingTo("0.1");
        assertThat(holdout.revenuePerCustomer().estimate()).isEqualByComparingTo("10.00");
        // 10 buyers paying 100 among 100: s = 30.15, so 10 +- 1.96 x 3.015
        assertThat(holdout.revenuePerCustomer().low().doubleValue()).isCloseTo(4.09, within(0.01));

        CampaignResult.Timeline timeline = reading.timeline();
        assertThat(timeline.points()).hasSize(ConversionTimeline.STEPS + 1);
        assertThat(timeline.points().getFirst().at()).isEqualTo(START);
        assertThat(timeline.points().getLast().at()).isEqualTo(END);
        for (int hour = 0; hour <= 40; hour++) {
            CampaignResult.Point point = timeline.points().get(hour);
            assertThat(point.at()).isEqualTo(START.plus(Duration.ofHours(hour)));
            // residues 0 .. hour-1 of 1..200 have bought by then, five customers each
            assertThat(point.treatmentBuyers()).as("hour " + hour).isEqualTo(5 * hour);
            assertThat(point.treatmentShare()).isCloseTo(5 * hour / 1000.0, within(1e-12));
            assertThat(point.holdoutBuyers()).as("hour " + hour).isEqualTo(hour >= 20 ? 10 : 0);
        }
        assertThat(timeline.points().getLast().treatmentBuyers()).as("the measurement's count").isEqualTo(treatment.buyers());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void anOpenWindowIsReadUpToNowAndEndsThere(String kind) {
        database = TestDatabases.migrated(kind, "results");
        jdbc = JdbcClient.create(database);
        jdbc.sql("insert into audience_member (campaign_id, customer_id, holdout) values ('open', 1, false), ('open', 2, true)").update();
        order(1, "TENT-1", START.plus(Duration.ofMinutes(90)), "80.00");
        order(2, "TENT-1", START.plus(Duration.ofHours(30)), "100.00");    // later than "now": not yet
        Instant now = START.plus(Duration.ofMinutes(150));

        ConversionTimeline.Reading reading = new ConversionTimeline(jdbc).read("open", List.of("TENT-1"), START, END, now);

        assertThat(reading.timeline().until()).isEqualTo(now);
        assertThat(reading.timeline().points()).extracting(CampaignResult.Point::at)
                .containsExactly(START, START.plus(Duration.ofHours(1)), START.plus(Duration.ofHours(2)), now);
        assertThat(reading.timeline().points().getLast().treatmentBuyers()).isEqualTo(1);
        assertThat(reading.timeline().points().getLast().holdoutBuyers()).isZero();
        assertThat(reading.arms().get(1).buyers()).isZero();
        // one customer per arm: a share, but no interval of a mean from one value
        assertThat(reading.arms().get(0).revenuePerCustomer().low()).isNull();
    }

    @Test
    void wilsonsIntervalStaysWithinZeroAndOne() {
        Estimate none = ConversionTimeline.wilson(0, 50);
        assertThat(none.estimate()).isEqualByComparingTo("0");
        assertThat(none.low()).isEqualByComparingTo("0");
        assertThat(none.high().doubleValue()).isCloseTo(0.0713, within(1e-4));
        Estimate all = ConversionTimeline.wilson(50, 50);
        assertThat(all.high()).isEqualByComparingTo("1");
        assertThat(ConversionTimeline.wilson(0, 0)).isNull();
    }

    private void order(long customer, String sku, Instant at, String paid) {
        jdbc.sql("insert into order_event (event_id, customer_id, sku, quantity, revenue, occurred_at) values (?, ?, ?, 1, ?, ?)")
                .params("e" + events++, customer, sku, new BigDecimal(paid), Timestamp.from(at)).update();
    }

    private void returned(long customer, Instant at, String refunded) {
        jdbc.sql("""
                insert into order_event (event_id, kind, customer_id, sku, quantity, revenue, occurred_at)
                values (?, 'RETURN', ?, 'TENT-1', 1, ?, ?)""")
                .params("e" + events++, customer, new BigDecimal(refunded).negate(), Timestamp.from(at)).update();
    }
}
