package io.campaignpilot.measurement;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;

/** Orders from the commerce platform, the raw material of lift measurement; each event is kept once. */
@Component
public class Orders {
    private final JdbcClient jdbc;

    public Orders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records an order; false when its event id was already recorded. The event id is the table's key, so two
     * deliveries of the same event at the same moment cannot both be counted: the second insert is refused.
     */
    public boolean record(String eventId, long customerId, String sku, int quantity, BigDecimal revenue, Instant at) {
        try {
            jdbc.sql("insert into order_event (event_id, customer_id, sku, quantity, revenue, occurred_at) values (?, ?, ?, ?, ?, ?)")
                    .params(eventId, customerId, sku, quantity, revenue, Timestamp.from(at)).update();
            return true;
        } catch (DuplicateKeyException alreadyRecorded) {
            return false;
        }
    }
}
