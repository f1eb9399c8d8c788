package io.campaignpilot.measurement;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

/** Orders and returns from the commerce platform, the raw material of lift measurement; each event is kept once. */
@Component
public class Orders {
    private final JdbcClient jdbc;

    public Orders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records an order or a return; false when its event id was already recorded. The event id is the table's key, so
     * two deliveries of the same event at the same moment cannot both be counted: the second insert is refused.
     */
    public boolean record(OrderOutcome outcome) {
        try {
            jdbc.sql("""
                    insert into order_event (event_id, kind, customer_id, sku, quantity, revenue, occurred_at, returned_order)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(outcome.eventId(), outcome.kindOrOrder().name(), outcome.customerId(), outcome.sku(),
                            outcome.quantity(), outcome.netRevenue(), Timestamp.from(outcome.occurredAt()),
                            outcome.returnedOrder())
                    .update();
            return true;
        } catch (DuplicateKeyException alreadyRecorded) {
            return false;
        }
    }
}
