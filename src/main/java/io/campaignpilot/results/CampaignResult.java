package io.campaignpilot.results;

import io.campaignpilot.measurement.Measurement;

import java.time.Instant;
import java.util.List;

/**
 * One campaign's result as the results view draws it: the summary, the stored measurement (estimates, intervals,
 * costs, slices per channel and A/B arm), each arm's conversion and revenue per customer with its own 95 % interval,
 * and the cumulative buyers over the window. Arms and timeline are null while no measurement is scheduled, and cover
 * the window so far while it is open.
 */
public record CampaignResult(ResultSummary campaign, Measurement measurement, List<ArmResult> arms, Timeline timeline) {

    /**
     * One arm as bought: the share of its customers who bought the promoted products in the window (Wilson's
     * interval) and the revenue per customer, net of returns, before the measurement's CUPED adjustment (normal
     * interval of the mean).
     */
    public record ArmResult(String arm, int customers, int buyers, Estimate conversion, Estimate revenuePerCustomer) {
    }

    /**
     * Cumulative buyers over the window from {@code from} to {@code until} (the window's end, or now while it is open),
     * at evenly spaced points. A buyer counts from their first order in the window, if what they bought in the whole
     * window (so far), net of returns, is positive: the last point is the measurement's buyer count.
     */
    public record Timeline(Instant from, Instant to, Instant until, List<Point> points) {
    }

    /** Buyers so far in each arm, and as a share of the arm's customers (0 to 1). */
    public record Point(Instant at, int treatmentBuyers, int holdoutBuyers, double treatmentShare, double holdoutShare) {
    }
}
