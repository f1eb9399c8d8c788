package io.campaignpilot.policy;

/**
 * One promoted product: catalog prices in pence (so that rules compare them exactly with prices stated in copy),
 * unit cost, contribution margin after the discount, the stock the campaign's region can sell, and whether supply is
 * constrained.
 */
public record OfferFact(String sku, String name, String category, boolean regulated, boolean constrained,
                        int pricePence, int salePricePence, int savingPence, int unitCostPence, int discountPercent,
                        double margin, String region, int stockInRegion) {
}
