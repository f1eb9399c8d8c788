package io.campaignpilot.measurement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpilot.audience.Audiences;
import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.catalog.Catalog;
import io.campaignpilot.catalog.StockSnapshots;
import io.campaignpilot.catalog.Product;
import io.campaignpilot.measurement.statistics.Arm;
import io.campaignpilot.measurement.statistics.Comparison;
import io.campaignpilot.measurement.statistics.Cuped;
import io.campaignpilot.measurement.statistics.Inference;
import io.campaignpilot.measurement.statistics.Interval;
import io.campaignpilot.measurement.statistics.SampleRatio;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** Schedules and computes a campaign's incremental lift and contribution margin against its holdout. */
@Service
public class MeasurementService {
    private final JdbcClient jdbc;
    private final Audiences audiences;
    private final CampaignRepository campaigns;
    private final Catalog catalog;
    private final AuditLog audit;
    private final Duration window;
    private final MeasurementProperties properties;
    private final ObjectMapper json;
    private final StockSnapshots stock;

    public MeasurementService(JdbcClient jdbc, Audiences audiences, CampaignRepository campaigns, Catalog catalog,
                              AuditLog audit, MeasurementProperties properties, ObjectMapper json, StockSnapshots stock) {
        this.stock = stock;
        this.jdbc = jdbc;
        this.audiences = audiences;
        this.campaigns = campaigns;
        this.catalog = catalog;
        this.audit = audit;
        this.window = properties.window();
        this.properties = properties;
        this.json = json;
    }

    /** Opens the measurement window now; returns when it closes. */
    public Instant schedule(String campaignId) {
        Instant now = Instant.now();
        Instant end = now.plus(window);
        jdbc.sql("delete from measurement where campaign_id = ?").param(campaignId).update();
        jdbc.sql("insert into measurement (campaign_id, scheduled_at, window_ends_at) values (?, ?, ?)")
                .params(campaignId, Timestamp.from(now), Timestamp.from(end)).update();
        audit.record(campaignId, "measurement", "MEASUREMENT_SCHEDULED", Map.of("windowEndsAt", end.toString()));
        return end;
    }

    /**
     * Buyers of the promoted SKUs during the window, treatment against holdout: the conversion lift and the revenue
     * per customer compared with Welch's test (measurement/statistics), scaled to the treatment arm, and the split
     * checked against the holdout share the audience was drawn with.
     */
    public Measurement measure(String campaignId) {
        Measurement scheduled = find(campaignId).orElseThrow(() -> new IllegalStateException("no measurement scheduled for " + campaignId));
        Campaign c = campaigns.find(campaignId).orElseThrow();
        List<Long> treatment = audiences.members(campaignId, false);
        List<Long> holdout = audiences.members(campaignId, true);
        Map<String, Product> products = catalog.findAll(c.skus()).stream()
                .collect(Collectors.toMap(Product::sku, p -> p));
        Map<Long, CustomerOutcome> outcomes = new HashMap<>();
        jdbc.sql("""
                        select customer_id, sku, kind, quantity, revenue from order_event
                        where sku in (:skus) and occurred_at >= :from and occurred_at <= :to""")
                .param("skus", c.skus()).param("from", Timestamp.from(scheduled.scheduledAt()))
                .param("to", Timestamp.from(scheduled.windowEndsAt()))
                .query((rs, i) -> {
                    outcomes.computeIfAbsent(rs.getLong(1), id -> new CustomerOutcome()).add(products.get(rs.getString(2)),
                            "RETURN".equals(rs.getString(3)), rs.getInt(4), rs.getBigDecimal(5));
                    return null;
                }).list();
        double[] treatmentRevenue = per(treatment, outcomes, CustomerOutcome::revenue);
        double[] holdoutRevenue = per(holdout, outcomes, CustomerOutcome::revenue);
        int tBuyers = buyers(treatmentRevenue);
        int hBuyers = buyers(holdoutRevenue);

        Comparison conversion = Inference.compare(Arm.ofConversions(treatment.size(), tBuyers),
                Arm.ofConversions(holdout.size(), hBuyers));
        // CUPED: each customer's spend in as long a period before the window explains part of their spend in it
        Map<Long, Double> before = spendBefore(scheduled.scheduledAt(), window);
        double[] treatmentBefore = treatment.stream().mapToDouble(id -> before.getOrDefault(id, 0.0)).toArray();
        double[] holdoutBefore = holdout.stream().mapToDouble(id -> before.getOrDefault(id, 0.0)).toArray();
        Comparison revenue = adjusted(treatmentRevenue, holdoutRevenue, treatmentBefore, holdoutBefore);
        double holdoutShare = audiences.holdoutShareOf(campaignId);
        SampleRatio split = Inference.sampleRatio(treatment.size(), holdout.size(), 1 - holdoutShare);
        // revenue per treatment customer above the holdout's, for every customer of the treatment arm
        Interval incremental = revenue.difference() == null ? null : revenue.difference().times(treatment.size());
        // the same for the gross margin at the prices paid (net of returns), then what sending and writing cost
        Interval grossMargin = adjusted(per(treatment, outcomes, CustomerOutcome::margin),
                per(holdout, outcomes, CustomerOutcome::margin), treatmentBefore, holdoutBefore).difference();
        Interval atList = Inference.compare(Arm.of(per(treatment, outcomes, CustomerOutcome::marginAtList)),
                Arm.of(per(holdout, outcomes, CustomerOutcome::marginAtList))).difference();
        double discountCost = treatment.stream().mapToDouble(id -> outcomes.containsKey(id) ? outcomes.get(id).discount : 0).sum();
        BigDecimal sendCost = sendCost(campaignId);
        BigDecimal aiCost = jdbc.sql("select coalesce(sum(cost), 0) from generation_call where campaign_id = ?")
                .param(campaignId).query(BigDecimal.class).single();
        double costs = sendCost.doubleValue() + aiCost.doubleValue();
        Interval margin = grossMargin == null ? null : grossMargin.times(treatment.size()).minus(costs);
        Interval lift = conversion.relativeLift();
        String warning = split.mismatch()
                ? String.format(Locale.ROOT, "the arms are not the intended split: %d treatment and %d holdout where "
                        + "%.0f %% were to be held out (chi-squared p = %.2g); find why before trusting any result",
                        treatment.size(), holdout.size(), 100 * holdoutShare, split.pValue())
                : conversion.warning();
        String verdict = warning != null || lift == null ? "NO_VERDICT" : !conversion.significant() ? "NO_EFFECT_SHOWN"
                : lift.estimate() > 0 ? "LIFT" : "DROP";

        jdbc.sql("""
                update measurement set measured_at = ?, treatment_size = ?, holdout_size = ?, treatment_buyers = ?,
                    holdout_buyers = ?, incremental_lift = ?, incremental_revenue = ?, contribution_margin = ?,
                    lift_low = ?, lift_high = ?, lift_p_value = ?, incremental_revenue_low = ?, incremental_revenue_high = ?,
                    revenue_p_value = ?, contribution_margin_low = ?, contribution_margin_high = ?,
                    sample_ratio_p_value = ?, sample_ratio_mismatch = ?, verdict = ?, warning = ?,
                    gross_margin_at_list = ?, discount_cost = ?, send_cost = ?, ai_cost = ?, slices = ?
                where campaign_id = ?""")
                .params(Timestamp.from(Instant.now()), treatment.size(), holdout.size(), tBuyers, hBuyers,
                        lift == null ? null : lift.estimate(), money(incremental, Interval::estimate),
                        money(margin, Interval::estimate), lift == null ? null : lift.low(),
                        lift == null ? null : lift.high(), finite(conversion.pValue()), money(incremental, Interval::low),
                        money(incremental, Interval::high), finite(revenue.pValue()), money(margin, Interval::low),
                        money(margin, Interval::high), split.pValue(), split.mismatch(), verdict, warning,
                        atList == null ? null : money(atList.times(treatment.size()), Interval::estimate),
                        BigDecimal.valueOf(discountCost).setScale(2, RoundingMode.HALF_UP), sendCost, aiCost,
                        write(slices(campaignId, outcomes)), campaignId)
                .update();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("treatmentBuyers", tBuyers);
        detail.put("holdoutBuyers", hBuyers);
        detail.put("incrementalRevenue", money(incremental, Interval::estimate));
        detail.put("contributionMargin", money(margin, Interval::estimate));
        detail.put("verdict", verdict);
        detail.put("warning", warning);
        audit.record(campaignId, "measurement", "MEASURED", detail);
        stock.take(campaignId, c.region(), c.skus(), StockSnapshots.Moment.WINDOW_END);
        return find(campaignId).orElseThrow();
    }

    /** Campaigns whose measurement is scheduled and not yet taken. */
    public List<Measurement> open() {
        return jdbc.sql("select campaign_id from measurement where measured_at is null order by scheduled_at")
                .query(String.class).list().stream().map(this::find).flatMap(Optional::stream).toList();
    }

    public Optional<Measurement> find(String campaignId) {
        return jdbc.sql("select * from measurement where campaign_id = ?").param(campaignId)
                .query((rs, i) -> new Measurement(rs.getString("campaign_id"), rs.getTimestamp("scheduled_at").toInstant(),
                        rs.getTimestamp("window_ends_at").toInstant(),
                        rs.getTimestamp("measured_at") == null ? null : rs.getTimestamp("measured_at").toInstant(),
                        (Integer) rs.getObject("treatment_size"), (Integer) rs.getObject("holdout_size"),
                        (Integer) rs.getObject("treatment_buyers"), (Integer) rs.getObject("holdout_buyers"),
                        number(rs, "incremental_lift"), rs.getBigDecimal("incremental_revenue"),
                        rs.getBigDecimal("contribution_margin"),
                        rs.getTimestamp("measured_at") == null ? null : new Measurement.Confidence(
                                number(rs, "lift_low"), number(rs, "lift_high"), number(rs, "lift_p_value"),
                                rs.getBigDecimal("incremental_revenue_low"), rs.getBigDecimal("incremental_revenue_high"),
                                number(rs, "revenue_p_value"), rs.getBigDecimal("contribution_margin_low"),
                                rs.getBigDecimal("contribution_margin_high"), number(rs, "sample_ratio_p_value"),
                                (Boolean) rs.getObject("sample_ratio_mismatch"), rs.getString("verdict"),
                                rs.getString("warning")),
                        rs.getTimestamp("measured_at") == null ? null : new Measurement.Costs(
                                rs.getBigDecimal("gross_margin_at_list"), rs.getBigDecimal("discount_cost"),
                                rs.getBigDecimal("send_cost"), rs.getBigDecimal("ai_cost")),
                        readSlices(rs.getString("slices"))))
                .optional();
    }

    /**
     * One customer's orders and returns of the promoted products in the window: what they paid (net of refunds), the
     * gross margin at those prices and at list price, and the discount they were given.
     */
    private static final class CustomerOutcome {
        double revenue;
        double margin;
        double marginAtList;
        double discount;

        void add(Product product, boolean isReturn, int quantity, BigDecimal netRevenue) {
            double sign = isReturn ? -1 : 1;
            double paid = netRevenue.doubleValue();
            revenue += paid;
            if (product != null) {
                double cost = sign * quantity * product.unitCost().doubleValue();
                double list = sign * quantity * product.price().doubleValue();
                margin += paid - cost;
                marginAtList += list - cost;
                discount += list - paid;
            }
        }

        double revenue() {
            return revenue;
        }

        double margin() {
            return margin;
        }

        double marginAtList() {
            return marginAtList;
        }
    }

    private static double[] per(List<Long> arm, Map<Long, CustomerOutcome> outcomes, ToDoubleFunction<CustomerOutcome> value) {
        return arm.stream().mapToDouble(id -> outcomes.containsKey(id) ? value.applyAsDouble(outcomes.get(id)) : 0).toArray();
    }

    /**
     * Per channel and per A/B arm: the customers sent it against the holdout customers who consent to the channel.
     * Conversion only; a slice too small for a verdict says so.
     */
    private List<Measurement.Slice> slices(String campaignId, Map<Long, CustomerOutcome> outcomes) {
        Map<String, Map<Integer, Set<Long>>> sent = new TreeMap<>();
        jdbc.sql("select channel, variant_no, customer_id from delivery where campaign_id = ? and status = 'SENT'")
                .param(campaignId).query((rs, i) -> sent.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                        .computeIfAbsent(rs.getInt(2), k -> new HashSet<>()).add(rs.getLong(3))).list();
        List<Measurement.Slice> slices = new ArrayList<>();
        sent.forEach((channel, arms) -> {
            Set<Long> reached = new HashSet<>();
            arms.values().forEach(reached::addAll);
            List<Long> couldHave = Channel.fromKey(channel).map(ch -> audiences.consenting(campaignId, true, ch))
                    .orElse(List.of());
            Arm holdout = Arm.ofConversions(couldHave.size(), bought(couldHave, outcomes));
            slices.add(slice(channel, null, reached, holdout, outcomes));
            if (arms.size() > 1) {
                arms.forEach((variant, customers) -> slices.add(slice(channel, variant, customers, holdout, outcomes)));
            }
        });
        return slices;
    }

    private static Measurement.Slice slice(String channel, Integer variant, Set<Long> customers, Arm holdout,
                                           Map<Long, CustomerOutcome> outcomes) {
        Arm treatment = Arm.ofConversions(customers.size(), bought(customers, outcomes));
        Comparison c = Inference.compare(treatment, holdout);
        Interval lift = c.relativeLift();
        return new Measurement.Slice(channel, variant, (int) treatment.customers(), (int) treatment.events(),
                (int) holdout.customers(), (int) holdout.events(), lift == null ? null : lift.estimate(),
                lift == null ? null : lift.low(), lift == null ? null : lift.high(), finite(c.pValue()), c.warning());
    }

    private static long bought(Collection<Long> customers, Map<Long, CustomerOutcome> outcomes) {
        return customers.stream().filter(id -> outcomes.containsKey(id) && outcomes.get(id).revenue > 0).count();
    }

    private String write(List<Measurement.Slice> slices) {
        try {
            return json.writeValueAsString(slices);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the result's slices cannot be written", e);
        }
    }

    private List<Measurement.Slice> readSlices(String text) {
        if (text == null) {
            return List.of();
        }
        try {
            return json.readValue(text, new TypeReference<List<Measurement.Slice>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored result's slices cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    /** What each customer spent on anything in the period of the given length before {@code until}, net of returns. */
    private Map<Long, Double> spendBefore(Instant until, Duration length) {
        Map<Long, Double> spend = new HashMap<>();
        jdbc.sql("select customer_id, sum(revenue) from order_event where occurred_at >= ? and occurred_at < ? group by customer_id")
                .params(Timestamp.from(until.minus(length)), Timestamp.from(until))
                .query((rs, i) -> spend.put(rs.getLong(1), rs.getDouble(2))).list();
        return spend;
    }

    /** Treatment against holdout after CUPED's adjustment by the pre-period covariate (none when it never varies). */
    private static Comparison adjusted(double[] treatment, double[] holdout, double[] treatmentBefore, double[] holdoutBefore) {
        if (treatment.length + holdout.length < 2) {
            return Inference.compare(Arm.of(treatment), Arm.of(holdout));
        }
        Cuped cuped = Cuped.fit(concat(treatment, holdout), concat(treatmentBefore, holdoutBefore));
        return Inference.compare(Arm.of(cuped.adjust(treatment, treatmentBefore)), Arm.of(cuped.adjust(holdout, holdoutBefore)));
    }

    private static double[] concat(double[] a, double[] b) {
        double[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** Messages sent for the campaign, priced per channel. */
    private BigDecimal sendCost(String campaignId) {
        BigDecimal total = BigDecimal.ZERO;
        for (Map.Entry<String, Long> sent : jdbc.sql("select channel, count(*) from delivery where campaign_id = ? "
                        + "and status = 'SENT' group by channel").param(campaignId)
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getLong(2))).list()) {
            total = total.add(properties.sendCost(sent.getKey()).multiply(BigDecimal.valueOf(sent.getValue())));
        }
        return total;
    }

    private static int buyers(double[] revenue) {
        return (int) Arrays.stream(revenue).filter(v -> v > 0).count();
    }

    private static BigDecimal money(Interval interval, ToDoubleFunction<Interval> part) {
        return interval == null ? null : BigDecimal.valueOf(part.applyAsDouble(interval)).setScale(2, RoundingMode.HALF_UP);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static Double number(ResultSet rs, String column) throws SQLException {
        Object value = rs.getObject(column);
        return value == null ? null : ((Number) value).doubleValue();
    }
}
