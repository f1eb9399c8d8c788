package io.campaignpilot.scorecard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpilot.campaign.CampaignStatus;
import io.campaignpilot.engine.CampaignEngine;
import io.campaignpilot.measurement.MeasurementProperties;
import io.campaignpilot.policy.Finding;
import org.apache.commons.statistics.descriptive.Quantile;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Computes the scorecard of the campaigns registered in a period from our own records (nothing is sampled). */
@Service
public class Scorecards {
    private static final String IN_PERIOD = "campaign_id in (select id from campaign where created_at >= :from and created_at < :to)";
    private static final String AUTO_APPROVAL = "auto-approval";
    private static final double Z95 = 1.959964;

    private record CampaignRow(String id, CampaignStatus status, Instant createdAt, Instant endedAt) {
    }

    private record Decision(String campaignId, int round, String review, String decision, Instant at) {
    }

    private record Check(String campaignId, int round, String checkpoint, String findings, Instant at) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Function<String, BigDecimal> sendCost;
    private final Supplier<Map<String, Long>> openIncidents;

    @Autowired
    public Scorecards(JdbcClient jdbc, ObjectMapper json, MeasurementProperties measurement, CampaignEngine engine) {
        this(jdbc, json, measurement::sendCost, engine::openIncidentsByCampaign);
    }

    /** With the send cost per channel and the open incidents by campaign given (the engine's, in the application). */
    Scorecards(JdbcClient jdbc, ObjectMapper json, Function<String, BigDecimal> sendCost,
               Supplier<Map<String, Long>> openIncidents) {
        this.jdbc = jdbc;
        this.json = json;
        this.sendCost = sendCost;
        this.openIncidents = openIncidents;
    }

    public Scorecard between(Instant from, Instant to) {
        List<CampaignRow> campaigns = jdbc.sql("select id, status, created_at, ended_at from campaign "
                        + "where created_at >= :from and created_at < :to")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, i) -> new CampaignRow(rs.getString(1), CampaignStatus.valueOf(rs.getString(2)),
                        rs.getTimestamp(3).toInstant(), rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
                .list();
        List<Decision> decisions = period("select campaign_id, round, review, decision, decided_at from review_decision where "
                + IN_PERIOD, from, to, rs -> new Decision(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                rs.getTimestamp(5).toInstant()));
        List<Check> checks = period("select campaign_id, round, checkpoint, findings, decided_at from policy_decision where "
                + IN_PERIOD, from, to, rs -> new Check(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                rs.getTimestamp(5).toInstant()));
        Scorecard.Models models = models(from, to, campaigns.size());
        return new Scorecard(from, to, campaigns.size(), flow(campaigns), review(campaigns, decisions, checks),
                exceptions(campaigns, from, to), models, findingsByRule(checks), results(from, to),
                audit(campaigns, from, to), inventory(from, to), costs(from, to, campaigns.size(), models.cost()));
    }

    private Scorecard.Inventory inventory(Instant from, Instant to) {
        record Reading(String campaignId, String sku, String moment, int units) {
        }
        List<Reading> readings = period("select campaign_id, sku, moment, units from stock_snapshot where " + IN_PERIOD,
                from, to, rs -> new Reading(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
        Map<String, Integer> atSend = new HashMap<>();
        readings.stream().filter(r -> "AT_SEND".equals(r.moment()))
                .forEach(r -> atSend.put(r.campaignId() + "/" + r.sku(), r.units()));
        List<Reading> atEnd = readings.stream().filter(r -> "WINDOW_END".equals(r.moment())
                && atSend.getOrDefault(r.campaignId() + "/" + r.sku(), 0) > 0).toList();
        long inStock = atSend.values().stream().filter(units -> units > 0).count();
        long soldOut = atEnd.stream().filter(r -> r.units() <= 0).count();
        return new Scorecard.Inventory(atSend.size(), share(inStock, atSend.size()), atEnd.size(), (int) soldOut,
                share(soldOut, atEnd.size()));
    }

    private Scorecard.Costs costs(Instant from, Instant to, int campaigns, BigDecimal ai) {
        record Sent(String channel, long count) {
        }
        BigDecimal send = period("select channel, count(*) from delivery where status = 'SENT' and " + IN_PERIOD
                        + " group by channel", from, to, rs -> new Sent(rs.getString(1), rs.getLong(2))).stream()
                .map(sent -> sendCost.apply(sent.channel()).multiply(BigDecimal.valueOf(sent.count())))
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(4, RoundingMode.HALF_UP);
        // an asset: one channel variant of a campaign's last generation round, what its reviewers saw
        int assets = period("select count(*) from campaign_variant v where v." + IN_PERIOD + " and v.round = "
                + "(select max(l.round) from campaign_variant l where l.campaign_id = v.campaign_id)", from, to,
                rs -> rs.getInt(1)).getFirst();
        BigDecimal total = ai.add(send);
        return new Scorecard.Costs(ai, send, total,
                campaigns == 0 ? null : total.divide(BigDecimal.valueOf(campaigns), 4, RoundingMode.HALF_UP), assets,
                assets == 0 ? null : total.divide(BigDecimal.valueOf(assets), 4, RoundingMode.HALF_UP));
    }

    private static Scorecard.Flow flow(List<CampaignRow> campaigns) {
        double[] cycle = campaigns.stream().filter(c -> c.status() == CampaignStatus.PUBLISHED && c.endedAt() != null)
                .mapToDouble(c -> minutes(c.createdAt(), c.endedAt())).toArray();
        return new Scorecard.Flow(cycle.length, percentile(cycle, 0.5), percentile(cycle, 0.9));
    }

    private static Scorecard.Review review(List<CampaignRow> campaigns, List<Decision> decisions, List<Check> checks) {
        Map<String, Instant> reviewOpened = new HashMap<>();
        checks.stream().filter(c -> "PRE_REVIEW".equals(c.checkpoint()))
                .forEach(c -> reviewOpened.merge(c.campaignId() + "#" + c.round(), c.at(), (a, b) -> a.isAfter(b) ? a : b));
        Map<String, Instant> lastHumanDecision = new HashMap<>();
        decisions.stream().filter(d -> !AUTO_APPROVAL.equals(d.review()))
                .forEach(d -> lastHumanDecision.merge(d.campaignId() + "#" + d.round(), d.at(), (a, b) -> a.isAfter(b) ? a : b));
        double[] turnaround = lastHumanDecision.entrySet().stream().filter(e -> reviewOpened.containsKey(e.getKey()))
                .mapToDouble(e -> minutes(reviewOpened.get(e.getKey()), e.getValue())).toArray();

        Set<String> approved = decisions.stream().filter(d -> "approve".equals(d.decision())).map(Decision::campaignId)
                .collect(Collectors.toSet());
        Set<String> reviewed = decisions.stream().filter(d -> !AUTO_APPROVAL.equals(d.review())).map(Decision::campaignId)
                .collect(Collectors.toSet());
        Set<String> auto = decisions.stream().filter(d -> AUTO_APPROVAL.equals(d.review())).map(Decision::campaignId)
                .collect(Collectors.toSet());
        Set<String> revised = decisions.stream().filter(d -> d.round() > 1 || "requestChanges".equals(d.decision()))
                .map(Decision::campaignId).collect(Collectors.toSet());
        checks.stream().filter(c -> c.round() > 1).forEach(c -> revised.add(c.campaignId()));
        long firstTime = approved.stream().filter(id -> !revised.contains(id)).count();
        long changesRequested = decisions.stream().filter(d -> "requestChanges".equals(d.decision())).count();
        long edits = checks.stream().filter(c -> "REVIEWER_EDIT".equals(c.checkpoint())).count();
        return new Scorecard.Review(percentile(turnaround, 0.5), percentile(turnaround, 0.9),
                share(auto.size(), approved.size()), share(firstTime, approved.size()),
                share(changesRequested, reviewed.size()), share(edits, reviewed.size()));
    }

    private Scorecard.Exceptions exceptions(List<CampaignRow> campaigns, Instant from, Instant to) {
        Map<String, Long> endedBy = campaigns.stream().filter(c -> c.status().terminal())
                .collect(Collectors.groupingBy(c -> c.status().name(), TreeMap::new, Collectors.counting()));
        int ended = (int) endedBy.values().stream().mapToLong(Long::longValue).sum();
        // withdrawn with deliveries already recorded: sending had begun and the rest was stopped
        Set<String> sending = new HashSet<>(period("select distinct campaign_id from delivery where " + IN_PERIOD, from, to,
                rs -> rs.getString(1)));
        int rolledBack = (int) campaigns.stream().filter(c -> c.status() == CampaignStatus.WITHDRAWN)
                .filter(c -> sending.contains(c.id())).count();
        Set<String> ids = campaigns.stream().map(CampaignRow::id).collect(Collectors.toSet());
        Map<String, Long> incidents = openIncidents.get().entrySet().stream().filter(e -> ids.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return new Scorecard.Exceptions(ended, share(endedBy.getOrDefault("NOT_VIABLE", 0L), ended),
                share(endedBy.getOrDefault("REJECTED", 0L), ended), share(endedBy.getOrDefault("WITHDRAWN", 0L), ended),
                endedBy, rolledBack, incidents.values().stream().mapToLong(Long::longValue).sum(), incidents.size());
    }

    private Scorecard.Models models(Instant from, Instant to, int campaigns) {
        record Call(long promptTokens, long completionTokens, long latencyMs, boolean failed, BigDecimal cost) {
        }
        // the model's calls only: the grounded writer is our own template and costs nothing
        List<Call> calls = period("select prompt_tokens, completion_tokens, latency_ms, error, cost from generation_call "
                + "where generator <> 'grounded' and cache_hit = false and " + IN_PERIOD, from, to,
                rs -> new Call(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4) != null,
                        rs.getBigDecimal(5) == null ? BigDecimal.ZERO : rs.getBigDecimal(5)));
        record Variant(boolean fallback) {
        }
        List<Variant> variants = period("select fallback_reason from campaign_variant where " + IN_PERIOD, from, to,
                rs -> new Variant(rs.getString(1) != null));
        BigDecimal cost = calls.stream().map(Call::cost).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(4, RoundingMode.HALF_UP);
        return new Scorecard.Models(calls.size(), calls.stream().mapToLong(Call::promptTokens).sum(),
                calls.stream().mapToLong(Call::completionTokens).sum(),
                percentile(calls.stream().mapToDouble(Call::latencyMs).toArray(), 0.95),
                share(calls.stream().filter(Call::failed).count(), calls.size()),
                share(variants.stream().filter(Variant::fallback).count(), variants.size()), cost,
                campaigns == 0 ? null : cost.divide(BigDecimal.valueOf(campaigns), 4, RoundingMode.HALF_UP));
    }

    /** What the rules found when they checked the copy for review, by rule, across every round. */
    private Map<String, Long> findingsByRule(List<Check> checks) {
        Map<String, Long> byRule = new TreeMap<>();
        for (Check check : checks) {
            if ("PRE_REVIEW".equals(check.checkpoint())) {
                findings(check.findings()).forEach(f -> byRule.merge(f.rule(), 1L, Long::sum));
            }
        }
        return byRule;
    }

    private Scorecard.Results results(Instant from, Instant to) {
        record Measured(BigDecimal revenue, BigDecimal revenueLow, BigDecimal revenueHigh, BigDecimal margin,
                        BigDecimal marginLow, BigDecimal marginHigh, String verdict) {
        }
        List<Measured> measured = period("select incremental_revenue, incremental_revenue_low, incremental_revenue_high, "
                + "contribution_margin, contribution_margin_low, contribution_margin_high, verdict from measurement "
                + "where measured_at is not null and " + IN_PERIOD, from, to,
                rs -> new Measured(rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getString(7)));
        BigDecimal[] revenue = sum(measured.stream().map(m -> new BigDecimal[]{m.revenue(), m.revenueLow(), m.revenueHigh()}).toList());
        BigDecimal[] margin = sum(measured.stream().map(m -> new BigDecimal[]{m.margin(), m.marginLow(), m.marginHigh()}).toList());
        Map<String, Long> verdicts = measured.stream().filter(m -> m.verdict() != null)
                .collect(Collectors.groupingBy(Measured::verdict, TreeMap::new, Collectors.counting()));
        return new Scorecard.Results(measured.size(), revenue[0], revenue[1], revenue[2], margin[0], margin[1], margin[2],
                verdicts);
    }

    private Scorecard.Audit audit(List<CampaignRow> campaigns, Instant from, Instant to) {
        Set<String> withEnd = new HashSet<>(period("select distinct campaign_id from audit_event where kind = 'CAMPAIGN_ENDED' and "
                + IN_PERIOD, from, to, rs -> rs.getString(1)));
        List<String> ended = campaigns.stream().filter(c -> c.status().terminal()).map(CampaignRow::id).toList();
        return new Scorecard.Audit(share(ended.stream().filter(withEnd::contains).count(), ended.size()));
    }

    /**
     * The estimates summed; the bounds from the summed variances, each campaign's standard error read back from its
     * interval. Campaigns without an interval add their estimate only.
     */
    static BigDecimal[] sum(List<BigDecimal[]> estimates) {
        BigDecimal total = BigDecimal.ZERO;
        double variance = 0;
        boolean any = false;
        for (BigDecimal[] e : estimates) {
            if (e[0] == null) {
                continue;
            }
            any = true;
            total = total.add(e[0]);
            if (e[1] != null && e[2] != null) {
                double se = e[2].subtract(e[1]).doubleValue() / (2 * Z95);
                variance += se * se;
            }
        }
        if (!any) {
            return new BigDecimal[]{null, null, null};
        }
        BigDecimal margin = BigDecimal.valueOf(Z95 * Math.sqrt(variance));
        return new BigDecimal[]{total.setScale(2, RoundingMode.HALF_UP), total.subtract(margin).setScale(2, RoundingMode.HALF_UP),
                total.add(margin).setScale(2, RoundingMode.HALF_UP)};
    }

    private List<Finding> findings(String text) {
        try {
            return json.readValue(text, new TypeReference<List<Finding>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a recorded policy decision's findings cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    private <T> List<T> period(String sql, Instant from, Instant to, RowReader<T> reader) {
        return jdbc.sql(sql).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, i) -> reader.read(rs)).list();
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static double minutes(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 60_000.0;
    }

    private static Double percentile(double[] values, double p) {
        return values.length == 0 ? null : Quantile.withDefaults().evaluate(values, p);
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
