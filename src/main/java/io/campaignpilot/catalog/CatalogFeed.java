package io.campaignpilot.catalog;

import io.campaignpilot.intake.NotYetApplicableException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Map;

/**
 * The ERP's and PIM's changes to product facts, applied as one change per product. The product must be in the catalog:
 * a change that arrives before its product is tried again later by the intake. Once committed, the change is
 * announced ({@link ProductChanged}) so product facts in search follow, outside any transaction.
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

    public void apply(CatalogChange change) {
        transaction.executeWithoutResult(tx -> {
            int found = jdbc.sql("select count(*) from product where sku = ?").param(change.sku()).query(Integer.class).single();
            if (found == 0) {
                throw new NotYetApplicableException("sku " + change.sku() + " is not in the catalog yet");
            }
            if (change.price() != null) {
                jdbc.sql("update product set price = ? where sku = ?").params(change.price(), change.sku()).update();
            }
            if (change.unitCost() != null) {
                jdbc.sql("update product set unit_cost = ? where sku = ?").params(change.unitCost(), change.sku()).update();
            }
            if (change.stock() != null) {
                jdbc.sql("update product set stock = ? where sku = ?").params(change.stock(), change.sku()).update();
            }
            if (change.constrained() != null) {
                jdbc.sql("update product set constrained = ? where sku = ?").params(change.constrained(), change.sku()).update();
            }
            if (change.stockByRegion() != null) {
                for (Map.Entry<String, Integer> region : change.stockByRegion().entrySet()) {
                    int updated = jdbc.sql("update product_stock set units = ? where sku = ? and region = ?")
                            .params(region.getValue(), change.sku(), region.getKey()).update();
                    if (updated == 0) {
                        jdbc.sql("insert into product_stock (sku, region, units) values (?, ?, ?)")
                                .params(change.sku(), region.getKey(), region.getValue()).update();
                    }
                }
            }
        });
        events.publishEvent(new ProductChanged(change.sku()));
    }
}
