package io.campaignpilot.targeting;

import com.zaxxer.hikari.HikariDataSource;
import io.campaignpilot.dev.TestDatabases;
import io.campaignpilot.retailer.RetailerLoader;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An erasure removes the customer's sessions, and only theirs. */
class ShopperSessionErasureTest {

    @Test
    void erasingACustomerDeletesTheirSessionsOnly() {
        try (HikariDataSource database = TestDatabases.migrated("h2", "session-erasure")) {
            JdbcClient jdbc = JdbcClient.create(database);
            new RetailerLoader(new JdbcTemplate(database)).load(5, 20, Instant.parse("2026-12-01T00:00:00Z"));
            int all = count(jdbc, "select count(*) from shopper_session");
            int theirs = count(jdbc, "select count(*) from shopper_session where customer_id = 3");
            assertThat(theirs).isPositive();

            int erased = new ShopperSessionErasure(jdbc).erase(3, null, null, List.of());

            assertThat(erased).isEqualTo(theirs);
            assertThat(count(jdbc, "select count(*) from shopper_session")).isEqualTo(all - theirs);
        }
    }

    private static int count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }
}
