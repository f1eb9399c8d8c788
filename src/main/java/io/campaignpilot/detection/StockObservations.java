package io.campaignpilot.detection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * The stock each pass saw per product and region, so the next pass knows when stock came back: a product that was at
 * zero and is above it now is marked restocked at that pass, and stays a back-in-stock finding for a week.
 */
@Component
class StockObservations {
    private final JdbcClient jdbc;

    StockObservations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records what this pass saw; returns when the product was last restocked in the region, if ever. */
    Optional<Instant> observe(String sku, String region, int units, Instant now) {
        var previous = jdbc.sql("select units, restocked_at from detection_stock where sku = ? and region = ?")
                .params(sku, region).query((rs, n) -> new Object[]{rs.getInt(1), rs.getTimestamp(2)}).optional();
        if (previous.isEmpty()) {
            jdbc.sql("insert into detection_stock (sku, region, units, observed_at) values (?, ?, ?, ?)")
                    .params(sku, region, units, Timestamp.from(now)).update();
            return Optional.empty();
        }
        int before = (Integer) previous.get()[0];
        Timestamp restocked = (Timestamp) previous.get()[1];
        if (before == 0 && units > 0) {
            restocked = Timestamp.from(now);
        }
        jdbc.sql("update detection_stock set units = ?, observed_at = ?, restocked_at = ? where sku = ? and region = ?")
                .params(units, Timestamp.from(now), restocked, sku, region).update();
        return Optional.ofNullable(restocked).map(Timestamp::toInstant);
    }
}
