package io.campaignpilot.scorecard;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * The executive view of the campaigns registered in a period: how fast, how often accepted as written, what went
 * wrong, what the models cost, what the rules found, and what it earned. Durations are in minutes; shares are 0 to 1;
 * a figure is null when the period has nothing to compute it from.
 */
public record Scorecard(Instant from, Instant to, int campaigns, Flow flow, Review review, Exceptions exceptions,
                        Models models, Map<String, Long> findingsByRule, Results results, Audit audit, Inventory inventory,
                        Costs costs) {

    /** Trigger to published, for the campaigns that were published. */
    public record Flow(int published, Double cycleMinutesP50, Double cycleMinutesP90) {
    }

    /**
     * Approval turnaround: from the rules' check that opened a review to its last decision. Auto-approved: share of
     * decided campaigns approved without a reviewer. Approved first time: share of approved campaigns approved in
     * their first generation round. Changes requested and edits: per campaign that was reviewed.
     */
    public record Review(Double turnaroundMinutesP50, Double turnaroundMinutesP90, Double autoApprovedShare,
                         Double approvedFirstTimeShare, Double changesRequestedPerReviewed, Double editsPerReviewed) {
    }

    /**
     * Shares of the campaigns that ended: blocked by the rules to the end, rejected, withdrawn; rolled back: campaigns
     * withdrawn once sending had begun (what had not gone out was stopped); and the incidents open now in the period's
     * campaigns, with how many campaigns they hold up.
     */
    public record Exceptions(int ended, Double notViableShare, Double rejectedShare, Double withdrawnShare,
                             Map<String, Long> endedBy, int rolledBack, long openIncidents, int campaignsWithIncidents) {
    }

    /** Model calls of the period's campaigns: volume, tokens, latency, failures, fallbacks to grounded copy, cost. */
    public record Models(long calls, long promptTokens, long completionTokens, Double latencyMsP95, Double failureRate,
                         Double fallbackRate, BigDecimal cost, BigDecimal costPerCampaign) {
    }

    /**
     * Sums over measured campaigns. The interval of a sum adds the campaigns' variances, each read back from its 95 %
     * interval (half-width / 1.96), so it assumes the campaigns' estimates are independent.
     */
    public record Results(int measured, BigDecimal incrementalRevenue, BigDecimal incrementalRevenueLow,
                          BigDecimal incrementalRevenueHigh, BigDecimal contributionMargin, BigDecimal contributionMarginLow,
                          BigDecimal contributionMarginHigh, Map<String, Long> verdicts) {
    }

    /**
     * The promoted products of the campaigns that went out, in each campaign's region: the share in stock when it was
     * sent, and of those read again when the window closed, how many had sold out by then (none left).
     */
    public record Inventory(int promotedAtSend, Double inStockAtSendShare, int readAtWindowEnd, int stockOutsInWindow,
                            Double stockOutShare) {
    }

    /**
     * What writing and sending cost: model calls, and messages sent × campaignpilot.measurement.send-cost of their
     * channel; in total, per campaign of the period and per asset (a channel variant of a campaign's last round).
     */
    public record Costs(BigDecimal ai, BigDecimal send, BigDecimal total, BigDecimal perCampaign, int assets,
                        BigDecimal perAsset) {
    }

    /** Ended campaigns whose audit trail records how they ended, of all that ended. */
    public record Audit(Double endedWithTrailShare) {
    }
}
