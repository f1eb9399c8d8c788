package io.campaignpilot.policy;

/**
 * The campaign as rules see it. {@code reach} is the number of treatment customers it would contact on at least one
 * channel; {@code regulated} and {@code sensitive} say whether any promoted product is in such a category.
 */
public record CampaignFact(String campaignId, String region, String triggerType, int discountPercent, int reach,
                           boolean regulated, boolean sensitive) {
}
