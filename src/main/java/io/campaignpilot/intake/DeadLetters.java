package io.campaignpilot.intake;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** What reached the dead-letter queue, with why, as the API lists it. The broker's queue is drained into here. */
@Component
public class DeadLetters {
    /** One message set aside: the queue it came from, why, and its body as sent. */
    public record DeadLetter(long id, String messageId, String queue, String reason, String body, Instant receivedAt,
                             Instant replayedAt, String replayedBy) {
    }

    private final JdbcClient jdbc;

    public DeadLetters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(String messageId, String queue, String reason, String body) {
        jdbc.sql("insert into intake_dead_letter (message_id, queue, reason, body, received_at) values (?, ?, ?, ?, ?)")
                .params(messageId, queue, Inbox.truncated(reason), body, Timestamp.from(Instant.now())).update();
    }

    public java.util.Optional<DeadLetter> find(long id) {
        return jdbc.sql("select * from intake_dead_letter where id = ?").param(id).query(DeadLetters::row).optional();
    }

    /** Marks a dead letter replayed, once: false when someone replayed it already. */
    boolean markReplayed(long id, String by) {
        return jdbc.sql("update intake_dead_letter set replayed_at = ?, replayed_by = ? where id = ? and replayed_at is null")
                .params(Timestamp.from(Instant.now()), by, id).update() == 1;
    }

    public List<DeadLetter> recent(String queue, int limit) {
        return queue == null
                ? jdbc.sql("select * from intake_dead_letter order by id desc limit ?").param(limit).query(DeadLetters::row).list()
                : jdbc.sql("select * from intake_dead_letter where queue = ? order by id desc limit ?").params(queue, limit)
                        .query(DeadLetters::row).list();
    }

    private static DeadLetter row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp replayed = rs.getTimestamp("replayed_at");
        return new DeadLetter(rs.getLong("id"), rs.getString("message_id"), rs.getString("queue"), rs.getString("reason"),
                rs.getString("body"), rs.getTimestamp("received_at").toInstant(),
                replayed == null ? null : replayed.toInstant(), rs.getString("replayed_by"));
    }
}
