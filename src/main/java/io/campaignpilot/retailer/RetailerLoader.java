package io.campaignpilot.retailer;

import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Writes a {@link SyntheticRetailer} into the database in batches (customers, orders as {@code order_event}, sessions
 * as {@code shopper_session}). A database without products gets a small synthetic catalog first, so the generator
 * runs on an empty schema too.
 */
public class RetailerLoader {
    /** How much was written. */
    public record Loaded(int customers, int orders, int sessions) {
    }

    private static final int BATCH = 5_000;
    private static final String[][] CATALOG = {
            {"kitchen", "49.00", "18.50"}, {"home", "79.00", "28.00"}, {"outdoor", "59.00", "22.00"},
            {"apparel", "95.00", "34.00"}, {"beauty", "18.00", "4.90"}, {"grocery", "34.00", "19.00"},
            {"toys", "29.00", "11.00"}, {"electronics", "129.00", "82.00"}};

    private final JdbcTemplate jdbc;

    public RetailerLoader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** New customers after the highest id there is, with twelve months of history up to {@code end}. */
    public Loaded load(long seed, int customers, Instant end) {
        Long maxId = jdbc.queryForObject("select coalesce(max(id), 0) from customer", Long.class);
        return load(seed, maxId + 1, customers, end, UnaryOperator.identity());
    }

    /**
     * Customers {@code firstId} onwards, each {@code placement} may move to another region or segment (a load run
     * lays them out in cells of chosen sizes) before they are written; their history is the generator's either way.
     */
    public Loaded load(long seed, long firstId, int customers, Instant end, UnaryOperator<SyntheticRetailer.Shopper> placement) {
        Writer writer = new Writer(placement);
        new SyntheticRetailer(seed, catalog(), end).generate(firstId, customers, writer);
        return writer.finish();
    }

    /** Twelve months of orders and sessions up to {@code end} for customers who exist already (the demo's). */
    public Loaded history(long seed, List<Long> customerIds, Instant end) {
        Writer writer = new Writer(UnaryOperator.identity());
        new SyntheticRetailer(seed, catalog(), end).history(customerIds, writer);
        return writer.finish();
    }

    private List<SyntheticRetailer.Item> catalog() {
        Integer products = jdbc.queryForObject("select count(*) from product", Integer.class);
        if (products == null || products == 0) {
            List<Object[]> rows = new ArrayList<>();
            for (String[] line : CATALOG) {
                for (int n = 1; n <= 3; n++) {
                    rows.add(new Object[]{"SYN-" + line[0].toUpperCase() + "-" + n, "Synthetic " + line[0] + " " + n,
                            "Synthetic", line[0], new BigDecimal(line[1]).multiply(BigDecimal.valueOf(n)),
                            new BigDecimal(line[2]).multiply(BigDecimal.valueOf(n)), 10_000, false, "A synthetic product"});
                }
            }
            jdbc.batchUpdate("insert into product (sku, name, brand, category, price, unit_cost, stock, regulated, "
                    + "description) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
        }
        return jdbc.query("select sku, category, price from product order by sku",
                (rs, i) -> new SyntheticRetailer.Item(rs.getString(1), rs.getString(2), rs.getBigDecimal(3)));
    }

    private final class Writer implements SyntheticRetailer.Sink {
        private final UnaryOperator<SyntheticRetailer.Shopper> placement;
        private final List<Object[]> customers = new ArrayList<>();
        private final List<Object[]> orders = new ArrayList<>();
        private final List<Object[]> sessions = new ArrayList<>();
        private int customerCount;
        private int orderCount;
        private int sessionCount;

        Writer(UnaryOperator<SyntheticRetailer.Shopper> placement) {
            this.placement = placement;
        }

        @Override
        public void customer(SyntheticRetailer.Shopper generated) {
            SyntheticRetailer.Shopper s = placement.apply(generated);
            customers.add(new Object[]{s.id(), "syn." + s.id() + "@customers.example", "+4477" + String.format("%09d", s.id()),
                    s.firstName(), s.region(), "en-GB", s.segment(), s.loyaltyTier(), s.consentEmail(), s.consentSms(),
                    s.consentPush(), s.consentWeb(), s.consentSocial()});
            customerCount++;
            if (customers.size() >= BATCH) {
                flushCustomers();
            }
        }

        @Override
        public void order(SyntheticRetailer.Order o) {
            orders.add(new Object[]{o.eventId(), o.customerId(), o.sku(), o.quantity(), o.revenue(), Timestamp.from(o.at())});
            orderCount++;
            if (orders.size() >= BATCH) {
                flushCustomers(); // an order never arrives before its customer
                flushOrders();
            }
        }

        @Override
        public void session(SyntheticRetailer.Session s) {
            sessions.add(new Object[]{s.customerId(), Timestamp.from(s.startedAt()), s.channel(), s.category(), s.pages()});
            sessionCount++;
            if (sessions.size() >= BATCH) {
                flushSessions();
            }
        }

        Loaded finish() {
            flushCustomers();
            flushOrders();
            flushSessions();
            return new Loaded(customerCount, orderCount, sessionCount);
        }

        private void flushCustomers() {
            if (!customers.isEmpty()) {
                jdbc.batchUpdate("""
                        insert into customer (id, email, phone, first_name, region, locale, segment, loyalty_tier,
                            consent_email, consent_sms, consent_push, consent_web, consent_social)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", customers);
                customers.clear();
            }
        }

        private void flushOrders() {
            if (!orders.isEmpty()) {
                jdbc.batchUpdate("insert into order_event (event_id, customer_id, sku, quantity, revenue, occurred_at) "
                        + "values (?, ?, ?, ?, ?, ?)", orders);
                orders.clear();
            }
        }

        private void flushSessions() {
            if (!sessions.isEmpty()) {
                jdbc.batchUpdate("insert into shopper_session (customer_id, started_at, channel, category, pages) "
                        + "values (?, ?, ?, ?, ?)", sessions);
                sessions.clear();
            }
        }
    }
}
