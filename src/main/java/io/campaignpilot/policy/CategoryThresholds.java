package io.campaignpilot.policy;

/**
 * Thresholds for one product category, from configuration (the defaults, overridden per category).
 *
 * @param marginFloor        contribution margin after discount below which the offer is blocked
 * @param marginReviewBuffer margin within this much above the floor needs marketing review
 * @param lowStock           fewer units than this in the region and the product is not promoted
 * @param redemptionRate     share of reached customers expected to buy, for the stock check
 * @param sensitive          fallback copy for this category needs at least a marketing review
 */
public record CategoryThresholds(String category, double marginFloor, double marginReviewBuffer, int lowStock,
                                 double redemptionRate, boolean sensitive) {
}
