package io.campaignpilot.campaign;

import java.time.Instant;
import java.util.List;

/** A campaign as registered: what the trigger or the manager's brief asked for. */
public record Campaign(
        String id,
        String triggerEventId,
        String triggerType,
        String title,
        String region,
        String category,
        List<String> skus,
        int discountPercent,
        List<Channel> channels,
        String segment,
        String objective,
        CampaignStatus status,
        String tier,
        String endReason,
        String processInstanceId,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        Instant endedAt) {
}
