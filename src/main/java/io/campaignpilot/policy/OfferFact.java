package io.campaignpilot.policy;

/** One promoted product with catalog price, sale price, margin after discount and stock. */
public record OfferFact(String sku, String name, String category, boolean regulated, double price, double salePrice,
                        int discountPercent, double margin, int stock) {
}
