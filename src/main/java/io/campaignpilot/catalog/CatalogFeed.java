package io.campaignpilot.catalog;

import io.campaignpilot.intake.NotYetApplicableException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ERP's and PIM's product facts, applied one product at a time in its own transaction: a new product, or a change to
 * a known one; each fact only if the change is not older than the fact on record, whatever order changes arrive in. A change to a product the catalog does not have yet, and that does not describe it in full, waits (the
 * intake tries it again later). Once committed, a single change is announced ({@link ProductChanged}) so product facts
 * in search follow at once, outside any transaction; a bulk import leaves that to the scheduled product-fact sync.
 */
@Component
public class CatalogFeed {
    private static final String REGION_STOCK = "stock:";
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

    /** What applying a change did: created the product, changed facts of a known one, or nothing (all were older). */
    public enum Applied { CREATED, UPDATED, STALE }

    /** Applies one change and announces it. */
    public Applied apply(CatalogChange change) {
        Applied applied = applyQuietly(change);
        if (applied != Applied.STALE) {
            events.publishEvent(new ProductChanged(change.sku()));
        }
        return applied;
    }

    /**
     * Applies one change without announcing it. Each fact keeps the time it last changed at the source: a fact the
     * change gives that is older than the one on record is left as it is (the product's row lock makes two nodes
     * applying changes to one product take turns).
     */
    Applied applyQuietly(CatalogChange change) {
        return transaction.execute(tx -> {
            boolean known = !jdbc.sql("select sku from product where sku = ? for update").param(change.sku())
                    .query(String.class).list().isEmpty();
            if (!known && !change.describesAProduct()) {
                throw new NotYetApplicableException("sku " + change.sku() + " is not in the catalog yet, and the change "
                        + "does not describe a new product (name, brand, category, description, price and unitCost)");
            }
            Map<String, Object> facts = facts(change);
            if (!known) {
                jdbc.sql("""
                        insert into product (sku, name, brand, category, price, unit_cost, stock, regulated, description,
                            constrained) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(change.sku(), change.name().trim(), change.brand().trim(), change.category(), change.price(),
                                change.unitCost(), change.stock() == null ? 0 : change.stock(),
                                Boolean.TRUE.equals(change.regulated()), change.description().trim(),
                                Boolean.TRUE.equals(change.constrained())).update();
                regionStock(change.sku(), facts);
                facts.keySet().forEach(fact -> recordVersion(change.sku(), fact, change.occurredAt(), false));
                return Applied.CREATED;
            }
            Map<String, Instant> onRecord = new HashMap<>();
            jdbc.sql("select fact, occurred_at from product_fact_version where sku = ?").param(change.sku())
                    .query(rs -> {
                        onRecord.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                    });
            facts.keySet().removeIf(fact -> onRecord.containsKey(fact) && change.occurredAt().isBefore(onRecord.get(fact)));
            if (facts.isEmpty()) {
                return Applied.STALE;
            }
            facts.forEach((fact, value) -> {
                if (!fact.startsWith(REGION_STOCK)) {
                    // column names are the fixed ones of facts(), never input
                    jdbc.sql("update product set " + fact + " = ? where sku = ?").params(value, change.sku()).update();
                }
            });
            regionStock(change.sku(), facts);
            facts.keySet().forEach(fact -> recordVersion(change.sku(), fact, change.occurredAt(), onRecord.containsKey(fact)));
            return Applied.UPDATED;
        });
    }

    /** The facts the change gives, by column (and {@code stock:<region>} per region), in a fixed order. */
    private static Map<String, Object> facts(CatalogChange change) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("name", change.name() == null ? null : change.name().trim());
        facts.put("brand", change.brand() == null ? null : change.brand().trim());
        facts.put("category", change.category());
        facts.put("description", change.description() == null ? null : change.description().trim());
        facts.put("price", change.price());
        facts.put("unit_cost", change.unitCost());
        facts.put("stock", change.stock());
        facts.put("regulated", change.regulated());
        facts.put("constrained", change.constrained());
        if (change.stockByRegion() != null) {
            new TreeMap<>(change.stockByRegion()).forEach((region, units) -> facts.put(REGION_STOCK + region, units));
        }
        facts.values().removeIf(java.util.Objects::isNull);
        return facts;
    }

    private void recordVersion(String sku, String fact, Instant occurredAt, boolean exists) {
        if (exists) {
            jdbc.sql("update product_fact_version set occurred_at = ? where sku = ? and fact = ?")
                    .params(Timestamp.from(occurredAt), sku, fact).update();
        } else {
            jdbc.sql("insert into product_fact_version (sku, fact, occurred_at) values (?, ?, ?)")
                    .params(sku, fact, Timestamp.from(occurredAt)).update();
        }
    }

    private void regionStock(String sku, Map<String, Object> facts) {
        facts.forEach((fact, units) -> {
            if (!fact.startsWith(REGION_STOCK)) {
                return;
            }
            String region = fact.substring(REGION_STOCK.length());
            int updated = jdbc.sql("update product_stock set units = ? where sku = ? and region = ?")
                    .params(units, sku, region).update();
            if (updated == 0) {
                jdbc.sql("insert into product_stock (sku, region, units) values (?, ?, ?)").params(sku, region, units).update();
            }
        });
    }
}
