package io.campaignpilot.targeting;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a propensity model sees of a customer at a moment: recency, frequency and spend over the year before it,
 * affinity for the category, and engagement (sessions, and those that came from a message). Nothing else: no region,
 * segment, tier, name, locale or time zone, and the CRM holds no age or gender. Only rows before the moment count, so
 * a model trained on one moment and tested on a later one never sees its own future.
 */
@Component
public class PurchaseFeatures {
    /** The features, in the order of every vector. */
    public static final List<String> NAMES = List.of("years_since_last_order", "log_orders_12m", "log_spend_12m",
            "log_category_orders_12m", "category_share_12m", "years_since_category_order", "log_sessions_90d",
            "log_category_sessions_90d", "message_session_share_90d");
    private static final Duration YEAR = Duration.ofDays(365);
    private static final Duration QUARTER = Duration.ofDays(90);

    /** Whose features to compute: everyone, or a region and segment ({@code null} or "all" for every segment). */
    public record Population(String region, String segment) {
        public static final Population EVERYONE = new Population(null, null);

        String where(String alias) {
            StringBuilder sql = new StringBuilder(alias + ".erased_at is null");
            if (region != null) {
                sql.append(" and ").append(alias).append(".region = :region");
            }
            if (segment != null && !segment.isBlank() && !"all".equalsIgnoreCase(segment)) {
                sql.append(" and ").append(alias).append(".segment = :segment");
            }
            return sql.toString();
        }

        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
            if (region != null) {
                spec = spec.param("region", region);
            }
            if (segment != null && !segment.isBlank() && !"all".equalsIgnoreCase(segment)) {
                spec = spec.param("segment", segment);
            }
            return spec;
        }
    }

    private final JdbcClient jdbc;

    public PurchaseFeatures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every customer of the population with their feature vector at {@code at}, in id order. */
    public Map<Long, double[]> at(String category, Instant at, Population population) {
        Map<Long, double[]> vectors = new LinkedHashMap<>();
        population.bind(jdbc.sql("select c.id from customer c where " + population.where("c") + " order by c.id"))
                .query(Long.class).list().forEach(id -> vectors.put(id, empty()));
        Timestamp now = Timestamp.from(at);
        population.bind(jdbc.sql("""
                        select o.customer_id, max(o.occurred_at), count(*), sum(o.revenue),
                            sum(case when p.category = :category then 1 else 0 end),
                            max(case when p.category = :category then o.occurred_at end)
                        from order_event o join product p on p.sku = o.sku join customer c on c.id = o.customer_id
                        where o.kind = 'ORDER' and o.occurred_at > :from and o.occurred_at <= :at and """ + " "
                        + population.where("c") + " group by o.customer_id"))
                .param("category", category).param("from", Timestamp.from(at.minus(YEAR))).param("at", now)
                .query(rs -> {
                    double[] v = vectors.get(rs.getLong(1));
                    if (v == null) {
                        return;
                    }
                    int orders = rs.getInt(3);
                    int categoryOrders = rs.getInt(5);
                    v[0] = yearsBetween(rs.getTimestamp(2), at);
                    v[1] = Math.log1p(orders);
                    v[2] = Math.log1p(rs.getDouble(4));
                    v[3] = Math.log1p(categoryOrders);
                    v[4] = orders == 0 ? 0 : (double) categoryOrders / orders;
                    v[5] = rs.getTimestamp(6) == null ? 1 : yearsBetween(rs.getTimestamp(6), at);
                });
        population.bind(jdbc.sql("""
                        select s.customer_id, count(*), sum(case when s.category = :category then 1 else 0 end),
                            sum(case when s.channel in ('email', 'sms', 'push') then 1 else 0 end)
                        from shopper_session s join customer c on c.id = s.customer_id
                        where s.started_at > :from and s.started_at <= :at and """ + " " + population.where("c")
                        + " group by s.customer_id"))
                .param("category", category).param("from", Timestamp.from(at.minus(QUARTER))).param("at", now)
                .query(rs -> {
                    double[] v = vectors.get(rs.getLong(1));
                    if (v == null) {
                        return;
                    }
                    int sessions = rs.getInt(2);
                    v[6] = Math.log1p(sessions);
                    v[7] = Math.log1p(rs.getInt(3));
                    v[8] = sessions == 0 ? 0 : rs.getDouble(4) / sessions;
                });
        return vectors;
    }

    /** Customers of the population who bought in the category after {@code from} up to {@code until}: the label. */
    public Set<Long> buyers(String category, Instant from, Instant until) {
        return new HashSet<>(jdbc.sql("""
                        select distinct o.customer_id from order_event o join product p on p.sku = o.sku
                        where o.kind = 'ORDER' and p.category = :category and o.occurred_at > :from and o.occurred_at <= :until""")
                .param("category", category).param("from", Timestamp.from(from)).param("until", Timestamp.from(until))
                .query(Long.class).list());
    }

    /** Categories with at least one order: the ones a model can be trained for. */
    public List<String> categoriesWithOrders() {
        return new ArrayList<>(jdbc.sql("select distinct p.category from order_event o join product p on p.sku = o.sku "
                + "order by p.category").query(String.class).list());
    }

    /** A customer without orders or sessions in the year: long ago on both recency features. */
    private static double[] empty() {
        double[] v = new double[NAMES.size()];
        v[0] = 1;
        v[5] = 1;
        return v;
    }

    private static double yearsBetween(Timestamp then, Instant at) {
        return Math.min(1, Duration.between(then.toInstant(), at).toHours() / (365.0 * 24));
    }
}
