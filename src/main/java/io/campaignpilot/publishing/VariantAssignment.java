package io.campaignpilot.publishing;

import io.campaignpilot.audience.Customer;
import io.campaignpilot.generation.ChannelVariant;
import io.campaignpilot.platform.Draws;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of a channel's approved variants a customer receives: one written in the customer's locale when there is
 * one (else the region's first locale), and among those an A/B arm drawn from the campaign and customer ids, so a
 * retried publish, and every later look at the deliveries, puts each customer in the same arm.
 */
final class VariantAssignment {
    private final Map<String, List<ChannelVariant>> byLocale = new LinkedHashMap<>();
    private final String campaignId;

    VariantAssignment(String campaignId, List<ChannelVariant> variants) {
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("no variants to assign");
        }
        this.campaignId = campaignId;
        variants.stream().sorted(Comparator.comparingInt(ChannelVariant::variantNo))
                .forEach(v -> byLocale.computeIfAbsent(v.locale() == null ? "" : v.locale(), l -> new ArrayList<>()).add(v));
    }

    ChannelVariant of(Customer customer) {
        List<ChannelVariant> arms = byLocale.getOrDefault(customer.locale(), byLocale.values().iterator().next());
        return arms.get((int) (Draws.of(campaignId + ":" + customer.id()) % arms.size()));
    }
}
