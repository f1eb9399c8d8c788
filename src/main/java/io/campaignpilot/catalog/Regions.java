package io.campaignpilot.catalog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * The regions the retailer trades in (campaignpilot.retailer.regions): a brief targets one, knowledge applies to some,
 * prices and stock are kept per region. A retailer names its own; the defaults are the demo retailer's.
 */
@ConfigurationProperties("campaignpilot.retailer")
public record Regions(@DefaultValue({"north", "south", "east", "west"}) List<String> regions) {
    public Regions {
        regions = List.copyOf(regions);
        if (regions.isEmpty() || regions.stream().anyMatch(r -> r == null || r.isBlank() || r.equals("all"))) {
            throw new IllegalArgumentException("campaignpilot.retailer.regions must name at least one region, none "
                    + "blank and none called 'all' (that word means every region)");
        }
    }

    public boolean contains(String region) {
        return regions.contains(region);
    }

    /** The configured regions, sorted, for a validation message that lists them. */
    public List<String> sorted() {
        return regions.stream().sorted().toList();
    }
}
