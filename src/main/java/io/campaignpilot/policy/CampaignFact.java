package io.campaignpilot.policy;

/** The campaign as rules see it; reach is the number of treatment customers it would contact. */
public record CampaignFact(String campaignId, String region, String category, int discountPercent, int reach,
                           boolean regulated) {
}
