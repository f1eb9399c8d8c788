package io.campaignpilot.generation;

import io.campaignpilot.campaign.Channel;
import io.campaignpilot.catalog.Product;
import io.campaignpilot.knowledge.GroundingSource;

import java.util.List;

/**
 * Everything a generator may use. Deliberately segment-level: no customer's name or address is in here;
 * personal fields only appear as merge tags that publishing fills in.
 */
public record GenerationRequest(String campaignId, int round, Channel channel, String title, String objective,
                                String region, String segment, int discountPercent, List<Product> products,
                                List<GroundingSource> sources, List<String> feedback) {
}
