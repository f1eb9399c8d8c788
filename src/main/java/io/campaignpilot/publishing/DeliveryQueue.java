package io.campaignpilot.publishing;

import io.campaignpilot.campaign.Channel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The delivery table as the dispatcher works it: claim, record outcomes, give back. Every method is one short
 * transaction of its own and is called with no transaction open, so no connection is held while a message is sent.
 * Claiming is an update guarded by {@code status = 'PENDING'} on ids read just before: of two dispatchers (threads or
 * nodes) racing for a row only one update matches it, on H2 and PostgreSQL alike, and each reads back by its own
 * claim token only what it won.
 */
@Component
class DeliveryQueue {
    static final String UNKNOWN_REASON = "outcome unknown after an interruption; not resent";

    static final String RECONCILE_REASON = "outcome unknown after an interruption; sent again with the same "
            + "idempotency key, which the provider recognises as a repeat";

    /** A delivery this dispatcher holds. */
    record Claimed(long id, long customerId, int variantNo, String idempotencyKey) {
    }

    /** What became of one claimed delivery. */
    record Outcome(long id, String status, String reason) {
    }

    /** Deliveries of a channel still on their way; {@code due} could be claimed now. */
    record Remaining(int pending, int due, int sending, Instant nextAttempt, Instant oldestClaim) {
        boolean none() {
            return pending == 0 && sending == 0;
        }
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transaction;

    DeliveryQueue(JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.template = template;
        this.transaction = new TransactionTemplate(transactions);
    }

    List<Claimed> claim(String campaignId, Channel channel, int max, String token, Instant now) {
        return transaction.execute(tx -> {
            // no "order by id": H2 would sort every pending delivery of the channel at each claim, which made a
            // 100,000-recipient campaign's claims slower than its sending; the index hands them out in its own order
            List<Long> ids = jdbc.sql("""
                            select id from delivery where campaign_id = ? and channel = ? and status = 'PENDING'
                            and (next_attempt_at is null or next_attempt_at <= ?) limit ?""")
                    .params(campaignId, channel.key(), Timestamp.from(now), max).query(Long.class).list();
            if (ids.isEmpty()) {
                return List.of();
            }
            // one row per statement: with "id in (…) and status = 'PENDING'" PostgreSQL, whose statistics still took
            // PENDING for rare (a campaign had just been recorded), scanned every pending delivery at each claim
            template.batchUpdate("""
                            update delivery set status = 'SENDING', claimed_by = ?, claimed_at = ?,
                            attempts = attempts + 1 where id = ? and status = 'PENDING'""", ids, ids.size(),
                    (ps, id) -> {
                        ps.setString(1, token);
                        ps.setTimestamp(2, Timestamp.from(now));
                        ps.setLong(3, id);
                    });
            return jdbc.sql("""
                            select id, customer_id, variant_no, idempotency_key from delivery
                            where claimed_by = :token and status = 'SENDING' and id in (:ids) order by id""")
                    .param("token", token).param("ids", ids)
                    .query((rs, i) -> new Claimed(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4))).list();
        });
    }

    void record(List<Outcome> outcomes, Instant at) {
        if (outcomes.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(at);
        transaction.executeWithoutResult(tx -> template.batchUpdate("""
                        update delivery set status = ?, reason = ?, sent_at = ?, claimed_by = null
                        where id = ? and status = 'SENDING'""", outcomes, 500,
                (ps, o) -> {
                    ps.setString(1, o.status());
                    ps.setString(2, o.reason());
                    ps.setTimestamp(3, "SENT".equals(o.status()) || "QUEUED".equals(o.status()) ? now : null);
                    ps.setLong(4, o.id());
                }));
    }

    /** Gives deliveries that could not go out back to the queue, not to be tried before {@code notBefore}. */
    void release(List<Long> ids, Instant notBefore, String reason) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update delivery set status = 'PENDING', claimed_by = null, claimed_at = null,
                        next_attempt_at = :notBefore, reason = :reason where id in (:ids) and status = 'SENDING'""")
                .param("notBefore", Timestamp.from(notBefore)).param("reason", reason).param("ids", ids).update();
    }

    /**
     * Puts deliveries back until {@code until} without counting an attempt: they were not tried, only held (quiet
     * hours), so the reason says so and a retry budget is not spent.
     */
    void hold(List<Long> ids, Instant until, String reason) {
        jdbc.sql("""
                        update delivery set status = 'PENDING', claimed_by = null, claimed_at = null, attempts = attempts - 1,
                        next_attempt_at = :until, reason = :reason where id in (:ids) and status = 'SENDING'""")
                .param("until", Timestamp.from(until)).param("reason", reason).param("ids", ids).update();
    }

    /**
     * Claims older than {@code before} whose outcome was never recorded: the dispatcher stopped between sending and
     * recording, so the message may or may not have gone out. They become UNKNOWN rather than being sent again.
     */
    int expireClaims(String campaignId, Channel channel, Instant before) {
        return jdbc.sql("""
                        update delivery set status = 'UNKNOWN', reason = ?, claimed_by = null
                        where campaign_id = ? and channel = ? and status = 'SENDING' and claimed_at < ?""")
                .params(UNKNOWN_REASON, campaignId, channel.key(), Timestamp.from(before)).update();
    }

    /**
     * Claims older than {@code before} whose outcome was never recorded, on a channel whose provider recognises a
     * repeat by its idempotency key: they go back to PENDING and are sent again with the same key.
     */
    int reconcileClaims(String campaignId, Channel channel, Instant before) {
        return jdbc.sql("""
                        update delivery set status = 'PENDING', reason = ?, claimed_by = null, claimed_at = null
                        where campaign_id = ? and channel = ? and status = 'SENDING' and claimed_at < ?""")
                .params(RECONCILE_REASON, campaignId, channel.key(), Timestamp.from(before)).update();
    }

    /** Whether a delivery of the channel could be claimed now: one index probe, where {@link #remaining} counts them all. */
    boolean anyDue(String campaignId, Channel channel, Instant now) {
        return !jdbc.sql("""
                        select id from delivery where campaign_id = ? and channel = ? and status = 'PENDING'
                        and (next_attempt_at is null or next_attempt_at <= ?) limit 1""")
                .params(campaignId, channel.key(), Timestamp.from(now)).query(Long.class).list().isEmpty();
    }

    Remaining remaining(String campaignId, Channel channel, Instant now) {
        return jdbc.sql("""
                        select sum(case when status = 'PENDING' then 1 else 0 end),
                               sum(case when status = 'PENDING' and (next_attempt_at is null or next_attempt_at <= ?)
                                   then 1 else 0 end),
                               sum(case when status = 'SENDING' then 1 else 0 end),
                               min(case when status = 'PENDING' then next_attempt_at end),
                               min(case when status = 'SENDING' then claimed_at end)
                        from delivery where campaign_id = ? and channel = ? and status in ('PENDING', 'SENDING')""")
                .params(Timestamp.from(now), campaignId, channel.key())
                .query((rs, i) -> new Remaining(rs.getInt(1), rs.getInt(2), rs.getInt(3), instant(rs.getTimestamp(4)),
                        instant(rs.getTimestamp(5))))
                .single();
    }

    Map<String, Integer> countByStatus(String campaignId, Channel channel) {
        Map<String, Integer> counts = new TreeMap<>();
        jdbc.sql("select status, count(*) from delivery where campaign_id = ? and channel = ? group by status")
                .params(campaignId, channel.key()).query((rs, i) -> Map.entry(rs.getString(1), rs.getInt(2))).list()
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /** Runs work (an outbox message and its deliveries' outcomes, say) in one short transaction. */
    void together(Runnable work) {
        transaction.executeWithoutResult(tx -> work.run());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
