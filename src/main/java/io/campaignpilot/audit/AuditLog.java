package io.campaignpilot.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpilot.platform.FirstUseRow;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The campaign's audit trail: one row per thing that happened, written in the same transaction as the engine step
 * that caused it, so the trail and the process history never disagree. Each campaign's trail (and the system's) is a
 * hash chain ({@link AuditChain}): an entry is appended under a lock on its chain's head, hashed with the entry before
 * it, so a changed, removed or inserted entry is found by {@link AuditChain#verify}.
 */
@Component
public class AuditLog {
    /** The "campaign" id of events that concern no campaign, such as a rules reload. */
    public static final String SYSTEM = "system";

    public record Entry(long id, Instant at, String actor, String kind, String detail) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final TransactionTemplate transaction;
    /** A chain's head: a campaign's entries are written one at a time, and its first entry creates it. */
    private final FirstUseRow chainHeads;

    public AuditLog(JdbcClient jdbc, ObjectMapper json, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.json = json;
        this.transaction = transaction;
        this.chainHeads = new FirstUseRow(transaction);
    }

    /** Appends an entry; inside the caller's transaction when there is one, so it commits (or not) with the step. */
    public void record(String campaignId, String actor, String kind, Map<String, ?> detail) {
        String text;
        try {
            text = json.writeValueAsString(detail);
        } catch (Exception e) {
            text = String.valueOf(detail);
        }
        String body = text;
        String by = actor == null ? SYSTEM : actor;
        // the database keeps milliseconds on every platform: hash what it keeps
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        transaction.executeWithoutResult(tx -> {
            AuditChain.Head head = head(campaignId);
            long seq = head.lastSeq() + 1;
            String detailHash = AuditChain.sha256(body);
            String hash = AuditChain.hash(campaignId, seq, at, by, kind, detailHash, head.lastHash());
            jdbc.sql("""
                    insert into audit_event (campaign_id, at, actor, kind, detail, seq, detail_hash, prev_hash, hash)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(campaignId, Timestamp.from(at), by, kind, body, seq, detailHash, head.lastHash(), hash).update();
            jdbc.sql("update audit_chain set last_seq = ?, last_hash = ? where campaign_id = ?")
                    .params(seq, hash, campaignId).update();
        });
    }

    /** The chain's head, locked until the transaction ends; a chain's first entry creates it. */
    private AuditChain.Head head(String campaignId) {
        return chainHeads.lock(
                () -> jdbc.sql("select last_seq, last_hash from audit_chain where campaign_id = ? for update")
                        .param(campaignId).query((rs, i) -> new AuditChain.Head(rs.getLong(1), rs.getString(2))).optional(),
                () -> jdbc.sql("insert into audit_chain (campaign_id, last_seq, last_hash) "
                        + "select ?, 0, null where not exists (select 1 from audit_chain where campaign_id = ?)")
                        .params(campaignId, campaignId).update());
    }

    public List<Entry> trail(String campaignId) {
        return jdbc.sql("select id, at, actor, kind, detail from audit_event where campaign_id = ? order by id")
                .param(campaignId)
                .query((rs, i) -> new Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                        rs.getString("kind"), rs.getString("detail")))
                .list();
    }
}
