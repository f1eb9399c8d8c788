package io.campaignpilot.trigger;

import java.util.List;

/** What a campaign should do, from a trigger event or a manager's brief. Channels are channel keys. */
public record Brief(String title, String region, String category, List<String> skus, Integer discountPercent,
                    List<String> channels, String segment, String objective) {
}
