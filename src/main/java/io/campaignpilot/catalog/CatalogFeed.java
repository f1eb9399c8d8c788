package io.campaignpilot.catalog;

import io.campaignpilot.intake.NotYetApplicableException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Map;

/**
 * The ERP's and PIM's product facts, applied one product at a time in its own transaction: a new product, or a change to
 * a known one. A change to a product the catalog does not have yet, and that does not describe it in full, waits (the
 * intake tries it again later). Once committed, a single change is announced ({@link ProductChanged}) so product facts
 * in search follow at once, outside any transaction; a bulk import leaves that to the scheduled product-fact sync.
 */
@Component
public class CatalogFeed {
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Regions regions;

    public CatalogFeed(JdbcClient jdbc, TransactionTemplate transaction, ApplicationEventPublisher events, Regions regions) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.events = events;
        this.regions = regions;
    }

    /** The regions a change names that the retailer does not have, as "stockByRegion.<region>" problems. */
    public List<String> unknownRegions(CatalogChange change) {
        return change.stockByRegion() == null ? List.of() : change.stockByRegion().keySet().stream()
                .filter(r -> !regions.contains(r)).sorted().map(r -> "stockByRegion." + r + ": is not one of the regions "
                        + regions.sorted()).toList();
    }

    /** Applies one change and announces it; false when it created the product. */
    public boolean apply(CatalogChange change) {
        boolean known = applyQuietly(change);
        events.publishEvent(new ProductChanged(change.sku()));
        return known;
    }

    /** Applies one change without announcing it: true when the product was known, false when it was created. */
    boolean applyQuietly(CatalogChange change) {
        return Boolean.TRUE.equals(transaction.execute(tx -> {
            int found = jdbc.sql("select count(*) from product where sku = ?").param(change.sku()).query(Integer.class).single();
            if (found == 0 && !change.describesAProduct()) {
                throw new NotYetApplicableException("sku " + change.sku() + " is not in the catalog yet, and the change "
                        + "does not describe a new product (name, brand, category, description, price and unitCost)");
            }
            if (found == 0) {
                jdbc.sql("""
                        insert into product (sku, name, brand, category, price, unit_cost, stock, regulated, description,
                            constrained) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(change.sku(), change.name().trim(), change.brand().trim(), change.category(), change.price(),
                                change.unitCost(), change.stock() == null ? 0 : change.stock(),
                                Boolean.TRUE.equals(change.regulated()), change.description().trim(),
                                Boolean.TRUE.equals(change.constrained())).update();
            }
            if (found > 0) {
                updateFacts(change);
            }
            regionStock(change);
            return found > 0;
        }));
    }

    private void updateFacts(CatalogChange change) {
        Map<String, Object> facts = new java.util.LinkedHashMap<>();
        facts.put("name", change.name() == null ? null : change.name().trim());
        facts.put("brand", change.brand() == null ? null : change.brand().trim());
        facts.put("category", change.category());
        facts.put("description", change.description() == null ? null : change.description().trim());
        facts.put("price", change.price());
        facts.put("unit_cost", change.unitCost());
        facts.put("stock", change.stock());
        facts.put("regulated", change.regulated());
        facts.put("constrained", change.constrained());
        facts.forEach((column, value) -> {
            if (value != null) {
                // column names are the fixed ones above, never input
                jdbc.sql("update product set " + column + " = ? where sku = ?").params(value, change.sku()).update();
            }
        });
    }

    private void regionStock(CatalogChange change) {
        if (change.stockByRegion() == null) {
            return;
        }
        for (Map.Entry<String, Integer> region : change.stockByRegion().entrySet()) {
            int updated = jdbc.sql("update product_stock set units = ? where sku = ? and region = ?")
                    .params(region.getValue(), change.sku(), region.getKey()).update();
            if (updated == 0) {
                jdbc.sql("insert into product_stock (sku, region, units) values (?, ?, ?)")
                        .params(change.sku(), region.getKey(), region.getValue()).update();
            }
        }
    }
}
