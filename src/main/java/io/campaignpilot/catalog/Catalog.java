package io.campaignpilot.catalog;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Read access to products, prices, costs and stock (the ERP view). */
@Component
public class Catalog {
    private static final RowMapper<Product> MAPPER = (rs, i) -> new Product(rs.getString("sku"), rs.getString("name"),
            rs.getString("brand"), rs.getString("category"), rs.getBigDecimal("price"), rs.getBigDecimal("unit_cost"),
            rs.getInt("stock"), rs.getBoolean("regulated"), rs.getString("description"), rs.getBoolean("constrained"));

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    public Catalog(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
    }

    public Optional<Product> find(String sku) {
        return jdbc.sql("select * from product where sku = ?").param(sku).query(MAPPER).optional();
    }

    public List<Product> findAll(Collection<String> skus) {
        if (skus.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from product where sku in (:skus) order by sku").param("skus", skus).query(MAPPER).list();
    }

    /** A campaign's promoted products as the catalog has them now; refuses when none of them is sold any more. */
    public List<Product> promoted(Collection<String> skus) {
        List<Product> products = findAll(skus);
        if (products.isEmpty()) {
            throw new IllegalStateException("none of " + skus + " is in the catalog any more");
        }
        return products;
    }

    /** The best-stocked products of a category: what a category-level trigger promotes. */
    public List<Product> topOfCategory(String category, int limit) {
        // limited in SQL: an unclosed query stream keeps its connection
        return jdbc.sql("select * from product where category = ? order by stock desc, sku limit ?")
                .params(category, limit).query(MAPPER).list();
    }

    /** Units a region can sell: its allocation, never more than the total (a product without allocations has its total). */
    public int stockIn(String sku, String region) {
        return jdbc.sql("""
                        select case when s.units is null or s.units > p.stock then p.stock else s.units end
                        from product p left join product_stock s on s.sku = p.sku and s.region = ?
                        where p.sku = ?""")
                .params(region, sku).query(Integer.class).optional().orElse(0);
    }

    public List<Product> all() {
        return jdbc.sql("select * from product order by sku").query(MAPPER).list();
    }

    public boolean categoryExists(String category) {
        return jdbc.sql("select count(*) from product where category = ?").param(category).query(Integer.class).single() > 0;
    }

    /** The catalog's categories, sorted: the retailer's own, for a validation message that lists them. */
    public List<String> categories() {
        return jdbc.sql("select distinct category from product order by category").query(String.class).list();
    }

    /** For the ERP feed and tests: a price or stock change that a pending approval must notice. */
    public void updatePriceAndStock(String sku, java.math.BigDecimal price, int stock) {
        jdbc.sql("update product set price = ?, stock = ? where sku = ?").params(price, stock, sku).update();
        events.publishEvent(new ProductChanged(sku));
    }
}
