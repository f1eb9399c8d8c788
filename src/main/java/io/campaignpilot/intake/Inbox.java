package io.campaignpilot.intake;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The messages the broker delivered, each once by its message id: kept before the broker hears the acknowledgement,
 * applied from here by {@link InboxWorker}. A redelivered message finds its row and is not kept again.
 */
@Component
public class Inbox {
    /** PENDING until applied (APPLIED), or FAILED once its tries are spent. */
    public enum Status { PENDING, APPLIED, FAILED }

    /** One kept message as the API lists it. */
    public record Entry(String messageId, String queue, Status status, int attempts, Instant receivedAt,
                        Instant appliedAt, String lastError) {
    }

    /** A claimed message to apply. */
    record Claimed(String messageId, String queue, String body, int attempts) {
    }

    /**
     * How long a worker's claim on a batch (20 messages of a few milliseconds each) keeps other workers off: long
     * enough for a slow database, short enough that a killed node's claimed messages are applied within a minute.
     * Should a live worker overrun it, the event id still makes a second try of the same message a duplicate.
     */
    private static final Duration CLAIM = Duration.ofMinutes(1);
    private static final Duration LONGEST_WAIT = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final Clock clock;

    public Inbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
    }

    /** Keeps a message; false when its id was kept before (a redelivery or a duplicate send). */
    boolean keep(String messageId, String queue, String body) {
        Timestamp now = Timestamp.from(clock.instant());
        if (find(messageId).isPresent()) {
            return false;
        }
        try {
            jdbc.sql("""
                    insert into intake_inbox (message_id, queue, body, status, attempts, received_at, next_attempt_at)
                    values (?, ?, ?, 'PENDING', 0, ?, ?)""").params(messageId, queue, body, now, now).update();
            return true;
        } catch (DuplicateKeyException race) {
            // another consumer kept the same message a moment ago
            return false;
        }
    }

    /** Up to {@code limit} messages due now, oldest first, claimed for this worker so no other node applies them meanwhile. */
    List<Claimed> claimDue(String worker, int limit) {
        Instant now = clock.instant();
        List<String> due = jdbc.sql("""
                        select message_id from intake_inbox where status = 'PENDING' and next_attempt_at <= ?
                        and (claimed_until is null or claimed_until < ?) order by received_at, message_id limit ?""")
                .params(Timestamp.from(now), Timestamp.from(now), limit).query(String.class).list();
        return due.stream().filter(id -> jdbc.sql("""
                        update intake_inbox set claimed_by = ?, claimed_until = ? where message_id = ? and status = 'PENDING'
                        and (claimed_until is null or claimed_until < ?)""")
                        .params(worker, Timestamp.from(now.plus(CLAIM)), id, Timestamp.from(now)).update() == 1)
                .map(id -> jdbc.sql("select message_id, queue, body, attempts from intake_inbox where message_id = ?")
                        .param(id).query((rs, n) -> new Claimed(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getInt(4))).single())
                .toList();
    }

    void applied(String messageId) {
        jdbc.sql("""
                update intake_inbox set status = 'APPLIED', applied_at = ?, attempts = attempts + 1, claimed_by = null,
                claimed_until = null, last_error = null where message_id = ?""")
                .params(Timestamp.from(clock.instant()), messageId).update();
    }

    /** One try fewer; the wait doubles with each try. Returns true when no try is left and the message is FAILED. */
    boolean failed(String messageId, int attemptsBefore, String reason, int maxAttempts, Duration backoff) {
        int attempts = attemptsBefore + 1;
        boolean spent = attempts >= maxAttempts;
        Duration wait = backoff.multipliedBy(1L << Math.min(attempts - 1, 20));
        Instant next = clock.instant().plus(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait);
        jdbc.sql("""
                update intake_inbox set status = ?, attempts = ?, next_attempt_at = ?, last_error = ?, claimed_by = null,
                claimed_until = null where message_id = ?""")
                .params(spent ? "FAILED" : "PENDING", attempts, Timestamp.from(next), truncated(reason), messageId).update();
        return spent;
    }

    /** A FAILED message tried again from the start, once what it needed is there; false when it is not FAILED. */
    public boolean retry(String messageId) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("""
                update intake_inbox set status = 'PENDING', attempts = 0, next_attempt_at = ?, last_error = null
                where message_id = ? and status = 'FAILED'""").params(now, messageId).update() == 1;
    }

    public Optional<Entry> find(String messageId) {
        return jdbc.sql("select * from intake_inbox where message_id = ?").param(messageId).query(Inbox::entry).optional();
    }

    /** The newest kept messages, of one status or all. */
    public List<Entry> recent(Status status, int limit) {
        return status == null
                ? jdbc.sql("select * from intake_inbox order by received_at desc, message_id limit ?").param(limit)
                        .query(Inbox::entry).list()
                : jdbc.sql("select * from intake_inbox where status = ? order by received_at desc, message_id limit ?")
                        .params(status.name(), limit).query(Inbox::entry).list();
    }

    /** Messages by queue and status. */
    public Map<String, Map<String, Long>> counts() {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        jdbc.sql("select queue, status, count(*) from intake_inbox group by queue, status").query((rs, n) -> {
            counts.computeIfAbsent(rs.getString(1), q -> new TreeMap<>()).put(rs.getString(2), rs.getLong(3));
            return null;
        }).list();
        return counts;
    }

    private static Entry entry(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Timestamp applied = rs.getTimestamp("applied_at");
        return new Entry(rs.getString("message_id"), rs.getString("queue"), Status.valueOf(rs.getString("status")),
                rs.getInt("attempts"), rs.getTimestamp("received_at").toInstant(),
                applied == null ? null : applied.toInstant(), rs.getString("last_error"));
    }

    static String truncated(String text) {
        String t = String.valueOf(text);
        return t.length() <= 2000 ? t : t.substring(0, 1999) + "…";
    }
}
