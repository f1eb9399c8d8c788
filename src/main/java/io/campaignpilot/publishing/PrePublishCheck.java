package io.campaignpilot.publishing;

import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.catalog.Catalog;
import io.campaignpilot.catalog.StockSnapshots;
import io.campaignpilot.policy.Finding;
import io.campaignpilot.policy.PolicyService;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the rules again just before publishing, on today's price, stock, consent and contact history: an approval
 * given on yesterday's price or stock must not go out today. The decision is recorded as checkpoint PRE_PUBLISH
 * and the outcome in the audit trail.
 */
@Component
public class PrePublishCheck {

    /** Valid, or the reasons it is not; and the approved channels that still have someone to send to. */
    public record Result(boolean valid, List<String> reasons, List<Channel> channels) {
    }

    private final CampaignRepository campaigns;
    private final Catalog catalog;
    private final PolicyService policy;
    private final AuditLog audit;
    private final StockSnapshots stock;

    public PrePublishCheck(CampaignRepository campaigns, Catalog catalog, PolicyService policy, AuditLog audit,
                           StockSnapshots stock) {
        this.stock = stock;
        this.campaigns = campaigns;
        this.catalog = catalog;
        this.policy = policy;
        this.audit = audit;
    }

    public Result check(String campaignId, int round, List<Channel> approved) {
        Campaign c = campaigns.find(campaignId).orElseThrow();
        List<String> reasons = new ArrayList<>();
        c.skus().stream().filter(sku -> catalog.find(sku).isEmpty())
                .forEach(sku -> reasons.add(sku + " is no longer in the catalog"));
        PolicyService.Outcome outcome = policy.judge(c, policy.latestVariants(campaignId));
        policy.record(campaignId, round, "PRE_PUBLISH", outcome);
        outcome.blocking().stream().map(Finding::message).forEach(reasons::add);
        List<Channel> channels = approved.stream().filter(outcome.channels()::contains).toList();
        if (channels.isEmpty()) {
            reasons.add("none of the approved channels has a customer left to send to");
        }
        Result result = new Result(reasons.isEmpty(), reasons, channels);
        if (result.valid()) {
            stock.take(campaignId, c.region(), c.skus(), StockSnapshots.Moment.AT_SEND);
        }
        audit.record(campaignId, "publishing", "PRE_PUBLISH_CHECKED", Map.of("valid", result.valid(),
                "reasons", result.reasons(), "channels", Channel.toCsv(result.channels())));
        return result;
    }
}
