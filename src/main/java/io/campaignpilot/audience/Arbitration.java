package io.campaignpilot.audience;

import io.campaignpilot.platform.FirstUseRow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Campaigns running at the same time do not compete for a customer: one who is in the treatment of several receives
 * only the offer with the highest expected value (ties: the campaign with the smaller id), and still only while under
 * the frequency cap. The others keep the customer in their treatment arm, marked "arbitrated away" with the winner and
 * the reason, and send them nothing. Contests only count campaigns still running that have not yet recorded a delivery
 * to the customer, and whose audience a model ranked (without an expected value there is nothing to compare).
 * Selections in one region arbitrate one at a time across the cluster (a row lock held to the end of the step's
 * transaction); a ranked audience holds only customers of its campaign's region, so regions never contest each other
 * and selections in different regions go side by side.
 */
@Component
public class Arbitration {
    /** What arbitrating one campaign's audience decided. */
    public record Outcome(int contested, int arbitratedAway, Map<String, Integer> wonFrom) {
    }

    private record Claim(String campaignId, double expectedValue) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final FrequencyCap frequency;
    /** A region's lock row: its selections take turns; its first selection creates it. */
    private final FirstUseRow regionLocks;

    public Arbitration(JdbcClient jdbc, JdbcTemplate template, FrequencyCap frequency, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.template = template;
        this.frequency = frequency;
        this.regionLocks = new FirstUseRow(transaction);
    }

    /**
     * Decides every contest between this campaign's (just selected) treatment, drawn from {@code region}, and other
     * running campaigns'.
     */
    public Outcome arbitrate(String campaignId, String region) {
        // customers this campaign had won in an earlier selection are contested afresh
        jdbc.sql("update audience_member set arbitrated_to = null, arbitration_reason = null where arbitrated_to = ?")
                .param(campaignId).update();
        boolean ranked = jdbc.sql("select count(*) from audience_member where campaign_id = ? and expected_value is not null")
                .param(campaignId).query(Integer.class).single() > 0;
        if (!ranked) {
            return new Outcome(0, 0, Map.of());
        }
        lock(region);
        Map<Long, List<Claim>> contests = new TreeMap<>();
        jdbc.sql("""
                        select mine.customer_id, mine.expected_value, other.campaign_id, other.expected_value
                        from audience_member mine
                        join audience_member other on other.customer_id = mine.customer_id and other.campaign_id <> mine.campaign_id
                        join campaign oc on oc.id = other.campaign_id
                        where mine.campaign_id = ? and mine.holdout = false and mine.expected_value is not null
                          and other.holdout = false and other.expected_value is not null and other.arbitrated_to is null
                          and oc.status = 'RUNNING'
                          and not exists (select 1 from delivery d where d.campaign_id = other.campaign_id
                                          and d.customer_id = other.customer_id)""")
                .param(campaignId).query(rs -> {
                    List<Claim> claims = contests.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>());
                    if (claims.isEmpty()) {
                        claims.add(new Claim(campaignId, rs.getDouble(2)));
                    }
                    claims.add(new Claim(rs.getString(3), rs.getDouble(4)));
                });
        List<Object[]> losses = new ArrayList<>();
        Map<String, Integer> wonFrom = new LinkedHashMap<>();
        int arbitratedAway = 0;
        for (Map.Entry<Long, List<Claim>> contest : contests.entrySet()) {
            Claim winner = contest.getValue().stream().min(Comparator.comparingDouble((Claim c) -> -c.expectedValue())
                    .thenComparing(Claim::campaignId)).orElseThrow();
            for (Claim loser : contest.getValue()) {
                if (loser == winner) {
                    continue;
                }
                losses.add(new Object[]{winner.campaignId(), reason(winner, loser), loser.campaignId(), contest.getKey()});
                if (loser.campaignId().equals(campaignId)) {
                    arbitratedAway++;
                } else {
                    wonFrom.merge(loser.campaignId(), 1, Integer::sum);
                }
            }
        }
        template.batchUpdate("update audience_member set arbitrated_to = ?, arbitration_reason = ? "
                + "where campaign_id = ? and customer_id = ?", losses);
        return new Outcome(contests.size(), arbitratedAway, wonFrom);
    }

    /**
     * Locks the region's row until the step's transaction commits: a selection in the region on any node waits, then
     * sees this audience. A region's first selection creates its row.
     */
    private void lock(String region) {
        regionLocks.lock(
                () -> jdbc.sql("update arbitration_lock set name = name where name = ?").param(region).update() == 1
                        ? Optional.of(region) : Optional.empty(),
                () -> jdbc.sql("insert into arbitration_lock (name) values (?)").param(region).update());
    }

    /** Why a campaign lost a customer, per customer: who won and with what. */
    public Map<Long, String> reasons(String campaignId) {
        Map<Long, String> reasons = new TreeMap<>();
        jdbc.sql("select customer_id, arbitration_reason from audience_member where campaign_id = ? and arbitrated_to is not null")
                .param(campaignId).query(rs -> {
                    reasons.put(rs.getLong(1), rs.getString(2));
                });
        return reasons;
    }

    private String reason(Claim winner, Claim loser) {
        return String.format(Locale.ROOT, "arbitrated away: campaign %s has the higher expected value for this customer "
                        + "(%.2f against %.2f); a customer receives one concurrent offer, within the frequency cap (%s)",
                winner.campaignId(), winner.expectedValue(), loser.expectedValue(), frequency.describe());
    }
}
