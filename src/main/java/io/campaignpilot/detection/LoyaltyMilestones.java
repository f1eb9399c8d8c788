package io.campaignpilot.detection;

import io.campaignpilot.trigger.Brief;
import io.campaignpilot.trigger.TriggerType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Customers who crossed a loyalty milestone (a number of orders, or points: one per pound spent, returns taken off)
 * within the window, and have not been congratulated on it yet. One campaign a day per milestone and region names them,
 * with an offer on the category most of them buy most, so each gets their own message the day after crossing while
 * review and generation run once for all of them.
 */
@Component
class LoyaltyMilestones {
    /** A milestone a customer crossed: {@code orders-10}, {@code points-1000}. */
    record Milestone(String kind, int threshold) implements Comparable<Milestone> {
        String key() {
            return kind + "-" + threshold;
        }

        String describe() {
            return "orders".equals(kind) ? ordinal(threshold) + " order" : String.format(Locale.ROOT, "%,d points", threshold);
        }

        @Override
        public int compareTo(Milestone other) {
            return Comparator.comparing(Milestone::kind).thenComparingInt(Milestone::threshold).compare(this, other);
        }
    }

    static final String EVENT_PREFIX = "loyalty:";

    private final JdbcClient jdbc;
    private final DetectionProperties settings;

    LoyaltyMilestones(JdbcClient jdbc, DetectionProperties settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    List<Detection> find(String region, String category, Instant now) {
        DetectionProperties.Loyalty rule = settings.loyalty();
        if (!rule.enabled()) {
            return List.of();
        }
        Instant since = now.minus(rule.window());
        Map<Long, Milestone> crossed = new TreeMap<>();
        jdbc.sql("""
                        select o.customer_id,
                               sum(case when o.kind = 'ORDER' then 1 else 0 end) as orders_now,
                               sum(case when o.kind = 'ORDER' and o.occurred_at < :since then 1 else 0 end) as orders_before,
                               sum(o.revenue) as spend_now,
                               sum(case when o.occurred_at < :since then o.revenue else 0 end) as spend_before
                        from order_event o join customer c on c.id = o.customer_id
                        where c.region = :region and c.erased_at is null and o.occurred_at < :now
                        group by o.customer_id
                        having max(o.occurred_at) >= :since""")
                .param("region", region).param("since", Timestamp.from(since)).param("now", Timestamp.from(now))
                .query(rs -> {
                    Milestone m = highestCrossed("orders", rule.orderMilestones(), rs.getLong("orders_before"), rs.getLong("orders_now"));
                    if (m == null) {
                        m = highestCrossed("points", rule.pointsMilestones(), points(rs.getBigDecimal("spend_before")),
                                points(rs.getBigDecimal("spend_now")));
                    }
                    if (m != null) {
                        crossed.put(rs.getLong("customer_id"), m);
                    }
                });
        crossed.keySet().removeAll(alreadyCongratulated(crossed));
        Map<Long, String> favourite = favouriteCategories(crossed.keySet());
        String day = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();

        // one campaign per milestone and region (review and generation once for the day's group); a pass for one
        // category finds the customers whose favourite it is
        Map<Milestone, List<Long>> groups = new TreeMap<>();
        crossed.forEach((customer, milestone) -> {
            String top = favourite.get(customer);
            if (category == null || category.equals(top)) {
                groups.computeIfAbsent(milestone, g -> new ArrayList<>()).add(customer);
            }
        });
        List<Detection> found = new ArrayList<>();
        groups.forEach((m, all) -> {
            List<Long> customers = all.subList(0, Math.min(all.size(), rule.maxCustomersPerCampaign()));
            String offer = mostCommon(customers.stream().map(favourite::get).filter(java.util.Objects::nonNull).toList());
            if (offer == null) {
                return;   // none of them ever bought anything but regulated products: no offer to thank them with
            }
            String why = String.format(Locale.ROOT, "%d %s in the %s reached their %s in the last %d days; %s",
                    customers.size(), customers.size() == 1 ? "customer" : "customers", region, m.describe(),
                    rule.window().toDays(), customers.size() == 1 ? "their favourite category is " + offer
                            : offer + " is the favourite category of most of them");
            found.add(new Detection(EVENT_PREFIX + m.key() + ":" + region + ":" + (category == null ? "" : category + ":") + day,
                    TriggerType.LOYALTY_MILESTONE,
                    new Brief("Loyalty milestone: " + m.describe() + " (" + region + ")", region, offer, null,
                            rule.discountPercent(), settings.channels(), null, "Thank each customer for their "
                            + m.describe() + " with " + rule.discountPercent() + " % off " + offer + ": " + why, customers),
                    why, 1.0 + Math.min(customers.size(), 100) / 100.0));
        });
        return found;
    }

    /** The category most of them buy most (ties: alphabetical); null when none has one. */
    private static String mostCommon(List<String> categories) {
        Map<String, Long> counts = new TreeMap<>();
        categories.forEach(c -> counts.merge(c, 1L, Long::sum));
        return counts.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).map(Map.Entry::getKey).orElse(null);
    }

    private int points(BigDecimal spend) {
        return spend == null ? 0 : spend.multiply(BigDecimal.valueOf(settings.loyalty().pointsPerPound())).intValue();
    }

    private static Milestone highestCrossed(String kind, List<Integer> thresholds, long before, long now) {
        return thresholds.stream().filter(t -> before < t && t <= now).max(Integer::compare)
                .map(t -> new Milestone(kind, t)).orElse(null);
    }

    /** Customers already in a milestone campaign for the milestone they crossed now: one message per milestone. */
    private Set<Long> alreadyCongratulated(Map<Long, Milestone> crossed) {
        Set<Long> done = new HashSet<>();
        List<Long> ids = List.copyOf(crossed.keySet());
        for (int from = 0; from < ids.size(); from += 1_000) {
            jdbc.sql("""
                            select n.customer_id, c.trigger_event_id from campaign_named_customer n
                            join campaign c on c.id = n.campaign_id
                            where c.trigger_type = 'LOYALTY_MILESTONE' and n.customer_id in (:ids)""")
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + 1_000)))
                    .query(rs -> {
                        long customer = rs.getLong(1);
                        if (rs.getString(2).startsWith(EVENT_PREFIX + crossed.get(customer).key() + ":")) {
                            done.add(customer);
                        }
                    });
        }
        return done;
    }

    /**
     * The category each customer ordered most often (ties: alphabetical), of products that are not regulated: a thank-you
     * is no occasion to push alcohol or supplements, and those would send every milestone to legal review.
     */
    private Map<Long, String> favouriteCategories(Set<Long> customers) {
        Map<Long, String> favourite = new HashMap<>();
        Map<Long, Long> best = new HashMap<>();
        List<Long> ids = List.copyOf(customers);
        for (int from = 0; from < ids.size(); from += 1_000) {
            jdbc.sql("""
                            select o.customer_id, p.category, count(*) as n from order_event o join product p on p.sku = o.sku
                            where o.kind = 'ORDER' and p.regulated = false and o.customer_id in (:ids)
                            group by o.customer_id, p.category order by o.customer_id, p.category""")
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + 1_000)))
                    .query(rs -> {
                        long customer = rs.getLong(1);
                        long n = rs.getLong(3);
                        if (n > best.getOrDefault(customer, 0L)) {
                            best.put(customer, n);
                            favourite.put(customer, rs.getString(2));
                        }
                    });
        }
        return favourite;
    }

    static String ordinal(int n) {
        int tens = n % 100;
        String suffix = tens >= 11 && tens <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
