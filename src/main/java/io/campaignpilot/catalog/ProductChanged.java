package io.campaignpilot.catalog;

/** Published when a product's price or stock changes, so derived knowledge (product facts) follows. */
public record ProductChanged(String sku) {
}
