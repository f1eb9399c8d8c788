package io.campaignpilot.trigger;

import java.util.List;

/**
 * What a campaign should do, from a trigger event or a manager's brief. Channels are channel keys. {@code customers},
 * when given, names the audience (a loyalty milestone's customers, a CRM list) instead of the region's segment.
 */
public record Brief(String title, String region, String category, List<String> skus, Integer discountPercent,
                    List<String> channels, String segment, String objective, List<Long> customers) {

    public Brief {
        customers = customers == null ? List.of() : customers;
    }

    public Brief(String title, String region, String category, List<String> skus, Integer discountPercent,
                 List<String> channels, String segment, String objective) {
        this(title, region, category, skus, discountPercent, channels, segment, objective, List.of());
    }

    public boolean namesCustomers() {
        return !customers.isEmpty();
    }
}
