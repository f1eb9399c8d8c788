package io.campaignpilot.publishing;

import io.campaignpilot.audience.AudienceSummary;
import io.campaignpilot.audience.Audiences;
import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.catalog.Catalog;
import io.campaignpilot.catalog.Product;
import io.campaignpilot.generation.ChannelVariant;
import io.campaignpilot.generation.VariantStore;
import io.campaignpilot.policy.PolicyProperties;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads price, stock and consent again just before publishing: an approval given on yesterday's price
 * or stock must not go out today.
 */
@Component
public class PrePublishCheck {
    private static final java.util.regex.Pattern PRICE = java.util.regex.Pattern.compile("£(\\d+(?:\\.\\d{1,2})?)");

    /** Valid, or the reasons it is not. */
    public record Result(boolean valid, List<String> reasons) {
    }

    private final CampaignRepository campaigns;
    private final Catalog catalog;
    private final Audiences audiences;
    private final VariantStore variants;
    private final PolicyProperties policy;

    public PrePublishCheck(CampaignRepository campaigns, Catalog catalog, Audiences audiences, VariantStore variants,
                           PolicyProperties policy) {
        this.campaigns = campaigns;
        this.catalog = catalog;
        this.audiences = audiences;
        this.variants = variants;
        this.policy = policy;
    }

    public Result check(String campaignId, List<Channel> channels) {
        Campaign c = campaigns.find(campaignId).orElseThrow();
        List<String> reasons = new ArrayList<>();
        List<ChannelVariant> copy = variants.latest(campaignId);
        for (String sku : c.skus()) {
            Product p = catalog.find(sku).orElse(null);
            if (p == null) {
                reasons.add(sku + " is no longer in the catalog");
                continue;
            }
            if (p.stock() < policy.lowStock()) {
                reasons.add(sku + " stock fell to " + p.stock() + ", under the threshold of " + policy.lowStock());
            }
            // every price the approved copy states must still be today's regular or sale price
            java.util.Set<java.math.BigDecimal> current = java.util.Set.of(p.price(), p.priceAfter(c.discountPercent()));
            for (ChannelVariant v : copy) {
                java.util.regex.Matcher m = PRICE.matcher(v.allText());
                while (m.find()) {
                    java.math.BigDecimal stated = new java.math.BigDecimal(m.group(1)).setScale(2);
                    if (current.stream().noneMatch(x -> x.compareTo(stated) == 0) && sku.equals(c.skus().getFirst())) {
                        reasons.add(sku + " price changed: the approved " + v.channel().key() + " copy states £" + stated
                                + " but the catalog now says £" + p.price() + " (sale £" + p.priceAfter(c.discountPercent()) + ")");
                    }
                }
            }
            if (p.marginAfter(c.discountPercent()) < policy.marginFloor()) {
                reasons.add(sku + " margin after discount fell under the floor");
            }
        }
        AudienceSummary audience = audiences.summary(campaignId);
        if (channels.stream().allMatch(ch -> audience.eligible(ch) == 0)) {
            reasons.add("no customer consents to any approved channel any more");
        }
        return new Result(reasons.isEmpty(), reasons);
    }
}
