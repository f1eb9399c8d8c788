package io.campaignpilot.results;

import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.campaign.CampaignStatus;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.measurement.Measurement;
import io.campaignpilot.measurement.MeasurementService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The results view's read model: campaigns with their headline result, and one campaign's result with what its charts
 * draw. Reads the campaign and measurement records (nothing is computed again here but each arm's own interval and
 * the cumulative buyers).
 */
@Service
public class CampaignResults {
    private final JdbcClient jdbc;
    private final CampaignRepository campaigns;
    private final MeasurementService measurements;
    private final ConversionTimeline timeline;

    public CampaignResults(JdbcClient jdbc, CampaignRepository campaigns, MeasurementService measurements) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.measurements = measurements;
        this.timeline = new ConversionTimeline(jdbc);
    }

    /**
     * Which campaigns to list: of one status, risk tier and trigger type (each or any), registered from {@code from} up
     * to {@code to} (either open).
     */
    public record Filter(CampaignStatus status, String tier, String triggerType, Instant from, Instant to, int limit) {
        public Filter(CampaignStatus status, Instant from, Instant to, int limit) {
            this(status, null, null, from, to, limit);
        }
    }

    /** The newest campaigns first. */
    public List<ResultSummary> list(Filter filter) {
        StringBuilder where = new StringBuilder("1 = 1");
        List<Object> params = new ArrayList<>();
        if (filter.status() != null) {
            where.append(" and c.status = ?");
            params.add(filter.status().name());
        }
        if (filter.tier() != null) {
            where.append(" and c.tier = ?");
            params.add(filter.tier());
        }
        if (filter.triggerType() != null) {
            where.append(" and c.trigger_type = ?");
            params.add(filter.triggerType());
        }
        if (filter.from() != null) {
            where.append(" and c.created_at >= ?");
            params.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" and c.created_at < ?");
            params.add(Timestamp.from(filter.to()));
        }
        params.add(filter.limit());
        return summaries(where + " order by c.created_at desc, c.id limit ?", params);
    }

    /** One campaign's result; empty when there is no such campaign. */
    public Optional<CampaignResult> result(String campaignId) {
        return summaries("c.id = ?", List.of(campaignId)).stream().findFirst().map(summary -> {
            Measurement m = measurements.find(campaignId).orElse(null);
            if (m == null) {
                return new CampaignResult(summary, null, null, null);
            }
            Instant now = Instant.now();
            Instant until = !m.windowEndsAt().isAfter(now) ? m.windowEndsAt() : now.isAfter(m.scheduledAt()) ? now : m.scheduledAt();
            List<String> skus = campaigns.find(campaignId).map(Campaign::skus).orElse(List.of());
            ConversionTimeline.Reading reading = timeline.read(campaignId, skus, m.scheduledAt(), m.windowEndsAt(), until);
            return new CampaignResult(summary, m, reading.arms(), reading.timeline());
        });
    }

    private List<ResultSummary> summaries(String condition, List<Object> params) {
        Instant now = Instant.now();
        return jdbc.sql("""
                        select c.id, c.title, c.status, c.tier, c.trigger_type, c.region, c.category, c.discount_percent,
                            c.channels, c.created_at, c.ended_at, m.scheduled_at, m.window_ends_at, m.measured_at,
                            m.treatment_size, m.verdict, m.warning, m.incremental_lift, m.lift_low, m.lift_high,
                            m.incremental_revenue, m.incremental_revenue_low, m.incremental_revenue_high,
                            m.contribution_margin, m.contribution_margin_low, m.contribution_margin_high
                        from campaign c left join measurement m on m.campaign_id = c.id where\s""" + condition)
                .params(params).query((rs, i) -> summary(rs, now)).list();
    }

    private static ResultSummary summary(ResultSet rs, Instant now) throws SQLException {
        Timestamp scheduled = rs.getTimestamp("scheduled_at");
        ResultSummary.Headline headline = scheduled == null
                ? new ResultSummary.Headline("NOT_SCHEDULED", null, null, null, null, null, null, null, null, null) : headline(scheduled.toInstant(),
                rs.getTimestamp("window_ends_at").toInstant(), instant(rs.getTimestamp("measured_at")), now,
                (Integer) rs.getObject("treatment_size"), rs.getString("verdict"), rs.getString("warning"),
                Estimate.of(number(rs, "incremental_lift"), number(rs, "lift_low"), number(rs, "lift_high"), 4),
                Estimate.of(rs.getBigDecimal("incremental_revenue"), rs.getBigDecimal("incremental_revenue_low"),
                        rs.getBigDecimal("incremental_revenue_high")),
                Estimate.of(rs.getBigDecimal("contribution_margin"), rs.getBigDecimal("contribution_margin_low"),
                        rs.getBigDecimal("contribution_margin_high")));
        return new ResultSummary(rs.getString("id"), rs.getString("title"), CampaignStatus.valueOf(rs.getString("status")),
                rs.getString("tier"), rs.getString("trigger_type"), rs.getString("region"), rs.getString("category"),
                rs.getInt("discount_percent"), Channel.parseList(rs.getString("channels")).stream().map(Channel::key).toList(),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("ended_at")), headline);
    }

    private static ResultSummary.Headline headline(Instant starts, Instant ends, Instant measuredAt, Instant now,
                                                   Integer treatmentSize, String verdict, String warning, Estimate lift,
                                                   Estimate revenue, Estimate contribution) {
        if (measuredAt == null) {
            String state = ends.isAfter(now) ? "WINDOW_OPEN" : "AWAITING_MEASUREMENT";
            return new ResultSummary.Headline(state, starts, ends, null, null, null, null, null, null, null);
        }
        return new ResultSummary.Headline("MEASURED", starts, ends, measuredAt, verdict, warning, lift,
                perCustomer(revenue, treatmentSize), revenue, contribution);
    }

    /** The treatment arm's incremental revenue per customer of it. */
    private static Estimate perCustomer(Estimate total, Integer customers) {
        if (total == null || customers == null || customers == 0) {
            return null;
        }
        BigDecimal n = BigDecimal.valueOf(customers);
        return new Estimate(divide(total.estimate(), n), divide(total.low(), n), divide(total.high(), n));
    }

    private static BigDecimal divide(BigDecimal amount, BigDecimal n) {
        return amount == null ? null : amount.divide(n, 2, RoundingMode.HALF_UP);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Double number(ResultSet rs, String column) throws SQLException {
        Object value = rs.getObject(column);
        return value == null ? null : ((Number) value).doubleValue();
    }
}
