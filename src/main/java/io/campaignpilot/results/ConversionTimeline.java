package io.campaignpilot.results;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads a campaign's arms as bought, from the orders of its promoted products and its audience (who was in treatment,
 * who was held out), the way the measurement counts them: each arm's buyers and revenue per customer with their own
 * intervals, and the cumulative buyers over the window at {@value #STEPS} even steps, so a ten-minute demo window and a
 * fortnight draw alike.
 */
final class ConversionTimeline {
    static final int STEPS = 40;
    private static final double Z95 = 1.959964;

    private final JdbcClient jdbc;

    ConversionTimeline(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One customer of an arm who ordered in the window: when first, and what they paid net of returns. */
    private record Buyer(boolean holdout, Instant firstOrder, double revenue) {
    }

    /** The arms and the timeline of the window from {@code from} to {@code to}, read up to {@code until}. */
    Reading read(String campaignId, List<String> skus, Instant from, Instant to, Instant until) {
        int[] customers = new int[2];
        jdbc.sql("select holdout, count(*) from audience_member where campaign_id = ? group by holdout").param(campaignId)
                .query((rs, i) -> customers[rs.getBoolean(1) ? 1 : 0] = rs.getInt(2)).list();
        List<Buyer> buyers = skus.isEmpty() ? List.of() : jdbc.sql("""
                        select a.holdout, min(case when o.kind = 'ORDER' then o.occurred_at end), sum(o.revenue)
                        from order_event o join audience_member a on a.customer_id = o.customer_id and a.campaign_id = :campaign
                        where o.sku in (:skus) and o.occurred_at >= :from and o.occurred_at <= :until
                        group by a.holdout, o.customer_id""")
                .param("campaign", campaignId).param("skus", skus).param("from", Timestamp.from(from))
                .param("until", Timestamp.from(until))
                .query((rs, i) -> new Buyer(rs.getBoolean(1), rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(),
                        rs.getBigDecimal(3).doubleValue()))
                .list();
        List<CampaignResult.ArmResult> arms = List.of(arm("treatment", customers[0], buyers, false),
                arm("holdout", customers[1], buyers, true));
        return new Reading(arms, timeline(from, to, until, customers, buyers));
    }

    record Reading(List<CampaignResult.ArmResult> arms, CampaignResult.Timeline timeline) {
    }

    private static CampaignResult.ArmResult arm(String name, int customers, List<Buyer> buyers, boolean holdout) {
        int bought = 0;
        double sum = 0;
        double squares = 0;
        for (Buyer b : buyers) {
            if (b.holdout() == holdout) {
                bought += b.revenue() > 0 ? 1 : 0;
                sum += b.revenue();
                squares += b.revenue() * b.revenue();
            }
        }
        return new CampaignResult.ArmResult(name, customers, bought, wilson(bought, customers), mean(sum, squares, customers));
    }

    /** Wilson's score interval for a share: sound with few buyers, never outside 0 to 1. */
    static Estimate wilson(int events, int n) {
        if (n == 0) {
            return null;
        }
        double p = (double) events / n;
        double z2 = Z95 * Z95;
        double centre = (p + z2 / (2.0 * n)) / (1 + z2 / n);
        double half = Z95 / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return Estimate.of(p, Math.max(0, centre - half), Math.min(1, centre + half), 6);
    }

    /** The mean per customer (zeros included) with a normal interval from the sample variance. */
    static Estimate mean(double sum, double squares, int n) {
        if (n == 0) {
            return null;
        }
        double mean = sum / n;
        if (n < 2) {
            return Estimate.of(mean, null, null, 2);
        }
        double variance = Math.max(0, (squares - n * mean * mean) / (n - 1));
        double half = Z95 * Math.sqrt(variance / n);
        return Estimate.of(mean, mean - half, mean + half, 2);
    }

    private static CampaignResult.Timeline timeline(Instant from, Instant to, Instant until, int[] customers, List<Buyer> buyers) {
        List<Instant> treatment = firstOrders(buyers, false);
        List<Instant> holdout = firstOrders(buyers, true);
        Duration step = Duration.between(from, to).dividedBy(STEPS);
        List<CampaignResult.Point> points = new ArrayList<>();
        for (int k = 0; k <= STEPS; k++) {
            Instant at = k == STEPS ? to : from.plus(step.multipliedBy(k));
            if (at.isAfter(until)) {
                points.add(point(until, treatment, holdout, customers));
                break;
            }
            points.add(point(at, treatment, holdout, customers));
        }
        return new CampaignResult.Timeline(from, to, until, points);
    }

    private static List<Instant> firstOrders(List<Buyer> buyers, boolean holdout) {
        List<Instant> first = new ArrayList<>(buyers.stream()
                .filter(b -> b.holdout() == holdout && b.revenue() > 0 && b.firstOrder() != null).map(Buyer::firstOrder).toList());
        Collections.sort(first);
        return first;
    }

    private static CampaignResult.Point point(Instant at, List<Instant> treatment, List<Instant> holdout, int[] customers) {
        int t = upTo(treatment, at);
        int h = upTo(holdout, at);
        return new CampaignResult.Point(at, t, h, share(t, customers[0]), share(h, customers[1]));
    }

    /** How many of the sorted instants are at or before {@code at}. */
    private static int upTo(List<Instant> sorted, Instant at) {
        int low = 0;
        int high = sorted.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted.get(middle).isAfter(at)) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    private static double share(int part, int whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
