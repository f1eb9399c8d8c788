package io.campaignpilot.generation;

import io.campaignpilot.campaign.Channel;
import io.campaignpilot.catalog.Product;
import io.campaignpilot.knowledge.GroundingSource;

import java.util.List;

/**
 * Everything a generator may use for one variant. Deliberately segment-level: no customer's name or address is in
 * here; personal fields only appear as merge tags that publishing fills in.
 *
 * @param variantNo         the variant's number within the channel (1..)
 * @param variantsPerLocale how many A/B variants each locale gets
 * @param model             the model the routing chose (ignored by the grounded generator)
 */
public record GenerationRequest(String campaignId, int round, Channel channel, int variantNo, int variantsPerLocale,
                                String locale, String title, String trigger, String objective, String region,
                                String segment, int discountPercent, List<Product> products,
                                List<GroundingSource> sources, List<String> feedback, String model) {
}
