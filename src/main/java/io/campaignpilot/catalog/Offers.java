package io.campaignpilot.catalog;

import io.campaignpilot.audit.AuditLog;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The offer a campaign makes, read from the catalog when the campaign starts and kept in its audit trail. */
@Component
public class Offers {
    /** The promoted products at the campaign's discount. */
    public record Offer(List<Product> products, int discountPercent) {
        public List<String> skus() {
            return products.stream().map(Product::sku).toList();
        }

        /** The lead product's category: the one the rules' category thresholds apply to. */
        public String category() {
            return products.getFirst().category();
        }

        public boolean regulated() {
            return products.stream().anyMatch(Product::regulated);
        }

        /** Per SKU: price, sale price, unit cost, stock and margin after the discount, as the audit keeps them. */
        public Map<String, Object> facts() {
            Map<String, Object> facts = new LinkedHashMap<>();
            for (Product p : products) {
                facts.put(p.sku(), Map.of("price", p.price(), "salePrice", p.priceAfter(discountPercent),
                        "unitCost", p.unitCost(), "stock", p.stock(), "marginAfterDiscount", p.marginAfter(discountPercent)));
            }
            return facts;
        }
    }

    private final Catalog catalog;
    private final AuditLog audit;

    public Offers(Catalog catalog, AuditLog audit) {
        this.catalog = catalog;
        this.audit = audit;
    }

    /** Reads the campaign's offer from the catalog and records its facts in the campaign's audit trail. */
    public Offer record(String campaignId, List<String> skus, int discountPercent) {
        Offer offer = new Offer(catalog.promoted(skus), discountPercent);
        audit.record(campaignId, "catalog", "BRIEF_ENRICHED", offer.facts());
        return offer;
    }
}
