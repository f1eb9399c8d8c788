package io.campaignpilot.detection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What detection reads from the retailer's data, one region at a time: products with their stock there, and sales. */
@Component
class RetailSignals {
    /** A product as detection sees it in one region: the units that region can sell (as the pre-publish check reads them). */
    record RegionalProduct(String sku, String name, String category, boolean constrained, int units) {
    }

    private final JdbcClient jdbc;

    RetailSignals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Products sold in the region (of one category, or all): its allocation capped by the total, or the total. */
    List<RegionalProduct> products(String region, String category) {
        String sql = """
                select p.sku, p.name, p.category, p.constrained,
                       case when s.units is null or s.units > p.stock then p.stock else s.units end as units
                from product p left join product_stock s on s.sku = p.sku and s.region = :region""";
        var query = category == null ? jdbc.sql(sql + " order by p.sku")
                : jdbc.sql(sql + " where p.category = :category order by p.sku").param("category", category);
        return query.param("region", region).query((rs, n) -> new RegionalProduct(rs.getString("sku"), rs.getString("name"),
                rs.getString("category"), rs.getBoolean("constrained"), rs.getInt("units"))).list();
    }

    /** Units sold per SKU to the region's customers in [from, to), returns taken off. */
    Map<String, Long> unitsSold(String region, Instant from, Instant to) {
        Map<String, Long> sold = new HashMap<>();
        jdbc.sql("""
                        select o.sku, sum(case when o.kind = 'RETURN' then -o.quantity else o.quantity end) as units
                        from order_event o join customer c on c.id = o.customer_id
                        where c.region = ? and o.occurred_at >= ? and o.occurred_at < ? group by o.sku""")
                .params(region, Timestamp.from(from), Timestamp.from(to))
                .query((rs, n) -> sold.put(rs.getString("sku"), rs.getLong("units"))).list();
        return sold;
    }

    /** Storefront and app sessions per category browsed, of the region's customers, in [from, to). */
    Map<String, Long> sessionsByCategory(String region, Instant from, Instant to) {
        return countsByCategory("""
                select s.category, count(*) from shopper_session s join customer c on c.id = s.customer_id
                where c.region = ? and s.started_at >= ? and s.started_at < ? group by s.category""", region, from, to);
    }

    /** Orders per product category, of the region's customers, in [from, to). */
    Map<String, Long> ordersByCategory(String region, Instant from, Instant to) {
        return countsByCategory("""
                select p.category, count(*) from order_event o join customer c on c.id = o.customer_id
                join product p on p.sku = o.sku
                where c.region = ? and o.kind = 'ORDER' and o.occurred_at >= ? and o.occurred_at < ? group by p.category""",
                region, from, to);
    }

    private Map<String, Long> countsByCategory(String sql, String region, Instant from, Instant to) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql(sql).params(region, Timestamp.from(from), Timestamp.from(to))
                .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }

    /** Whether a campaign of this kind for the category in the region is still running. */
    boolean categoryCampaignRunning(String triggerType, String category, String region) {
        return jdbc.sql("select count(*) from campaign where trigger_type = ? and region = ? and category = ? and status = 'RUNNING'")
                .params(triggerType, region, category).query(Integer.class).single() > 0;
    }

    /** Whether a campaign of this kind for the product in the region is still running (in review or measuring). */
    boolean campaignRunning(String triggerType, String sku, String region) {
        return jdbc.sql("""
                        select count(*) from campaign where trigger_type = ? and region = ? and status = 'RUNNING'
                        and (',' || skus || ',') like ?""")
                .params(triggerType, region, "%," + sku + ",%").query(Integer.class).single() > 0;
    }

    /** Distinct customers of the region who bought each SKU in [from, to): the demand waiting for a product. */
    Map<String, Long> buyers(String region, Instant from, Instant to) {
        Map<String, Long> buyers = new HashMap<>();
        jdbc.sql("""
                        select o.sku, count(distinct o.customer_id) as buyers
                        from order_event o join customer c on c.id = o.customer_id
                        where c.region = ? and o.kind = 'ORDER' and o.occurred_at >= ? and o.occurred_at < ? group by o.sku""")
                .params(region, Timestamp.from(from), Timestamp.from(to))
                .query((rs, n) -> buyers.put(rs.getString("sku"), rs.getLong("buyers"))).list();
        return buyers;
    }
}
