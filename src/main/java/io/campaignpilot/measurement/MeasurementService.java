package io.campaignpilot.measurement;

import io.campaignpilot.audience.Audiences;
import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.catalog.Catalog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Schedules and computes a campaign's incremental lift and contribution margin against its holdout. */
@Service
public class MeasurementService {
    private final JdbcClient jdbc;
    private final Audiences audiences;
    private final CampaignRepository campaigns;
    private final Catalog catalog;
    private final AuditLog audit;
    private final Duration window;

    public MeasurementService(JdbcClient jdbc, Audiences audiences, CampaignRepository campaigns, Catalog catalog,
                              AuditLog audit, MeasurementProperties properties) {
        this.jdbc = jdbc;
        this.audiences = audiences;
        this.campaigns = campaigns;
        this.catalog = catalog;
        this.audit = audit;
        this.window = properties.window();
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

    /** Buyers of the promoted SKUs during the window, treatment against holdout. */
    public Measurement measure(String campaignId) {
        Measurement scheduled = find(campaignId).orElseThrow(() -> new IllegalStateException("no measurement scheduled for " + campaignId));
        Campaign c = campaigns.find(campaignId).orElseThrow();
        Set<Long> treatment = new HashSet<>(audiences.members(campaignId, false));
        Set<Long> holdout = new HashSet<>(audiences.members(campaignId, true));
        Map<Long, BigDecimal> revenueByBuyer = new java.util.HashMap<>();
        jdbc.sql("select customer_id, revenue from order_event where sku in (:skus) and occurred_at >= :from and occurred_at <= :to")
                .param("skus", c.skus()).param("from", Timestamp.from(scheduled.scheduledAt()))
                .param("to", Timestamp.from(scheduled.windowEndsAt()))
                .query((rs, i) -> Map.entry(rs.getLong(1), rs.getBigDecimal(2))).list()
                .forEach(e -> revenueByBuyer.merge(e.getKey(), e.getValue(), BigDecimal::add));
        int tBuyers = (int) revenueByBuyer.keySet().stream().filter(treatment::contains).count();
        int hBuyers = (int) revenueByBuyer.keySet().stream().filter(holdout::contains).count();
        BigDecimal tRevenue = sum(revenueByBuyer, treatment);
        BigDecimal hRevenue = sum(revenueByBuyer, holdout);
        double tRate = treatment.isEmpty() ? 0 : (double) tBuyers / treatment.size();
        double hRate = holdout.isEmpty() ? 0 : (double) hBuyers / holdout.size();
        Double lift = hRate == 0 ? null : (tRate - hRate) / hRate;
        // revenue per treatment customer above what the holdout spent per customer, scaled to the treatment arm
        BigDecimal perHoldout = holdout.isEmpty() ? BigDecimal.ZERO
                : hRevenue.divide(BigDecimal.valueOf(holdout.size()), 6, RoundingMode.HALF_UP);
        BigDecimal incremental = tRevenue.subtract(perHoldout.multiply(BigDecimal.valueOf(treatment.size())))
                .setScale(2, RoundingMode.HALF_UP);
        double marginRatio = catalog.findAll(c.skus()).stream().mapToDouble(p -> p.marginAfter(c.discountPercent()))
                .average().orElse(0);
        BigDecimal margin = incremental.multiply(BigDecimal.valueOf(marginRatio)).setScale(2, RoundingMode.HALF_UP);
        jdbc.sql("""
                update measurement set measured_at = ?, treatment_size = ?, holdout_size = ?, treatment_buyers = ?,
                    holdout_buyers = ?, incremental_lift = ?, incremental_revenue = ?, contribution_margin = ?
                where campaign_id = ?""")
                .params(Timestamp.from(Instant.now()), treatment.size(), holdout.size(), tBuyers, hBuyers, lift,
                        incremental, margin, campaignId)
                .update();
        audit.record(campaignId, "measurement", "MEASURED", Map.of("treatmentBuyers", tBuyers, "holdoutBuyers", hBuyers,
                "incrementalRevenue", incremental, "contributionMargin", margin));
        return find(campaignId).orElseThrow();
    }

    public Optional<Measurement> find(String campaignId) {
        return jdbc.sql("select * from measurement where campaign_id = ?").param(campaignId)
                .query((rs, i) -> new Measurement(rs.getString("campaign_id"), rs.getTimestamp("scheduled_at").toInstant(),
                        rs.getTimestamp("window_ends_at").toInstant(),
                        rs.getTimestamp("measured_at") == null ? null : rs.getTimestamp("measured_at").toInstant(),
                        (Integer) rs.getObject("treatment_size"), (Integer) rs.getObject("holdout_size"),
                        (Integer) rs.getObject("treatment_buyers"), (Integer) rs.getObject("holdout_buyers"),
                        rs.getObject("incremental_lift") == null ? null : rs.getDouble("incremental_lift"),
                        rs.getBigDecimal("incremental_revenue"), rs.getBigDecimal("contribution_margin")))
                .optional();
    }

    /** Records an order (from the commerce platform); idempotent on eventId. */
    public boolean recordOrder(String eventId, long customerId, String sku, int quantity, BigDecimal revenue, Instant at) {
        int exists = jdbc.sql("select count(*) from order_event where event_id = ?").param(eventId).query(Integer.class).single();
        if (exists > 0) {
            return false;
        }
        jdbc.sql("insert into order_event (event_id, customer_id, sku, quantity, revenue, occurred_at) values (?, ?, ?, ?, ?, ?)")
                .params(eventId, customerId, sku, quantity, revenue, Timestamp.from(at)).update();
        return true;
    }

    private static BigDecimal sum(Map<Long, BigDecimal> revenue, Set<Long> arm) {
        return revenue.entrySet().stream().filter(e -> arm.contains(e.getKey())).map(Map.Entry::getValue)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
