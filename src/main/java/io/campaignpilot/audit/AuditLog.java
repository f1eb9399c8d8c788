package io.campaignpilot.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The campaign's audit trail: one row per thing that happened, written in the same transaction as
 * the engine step that caused it, so the trail and the process history never disagree.
 */
@Component
public class AuditLog {
    /** The "campaign" id of events that concern no campaign, such as a rules reload. */
    public static final String SYSTEM = "system";

    public record Entry(long id, Instant at, String actor, String kind, String detail) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public AuditLog(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void record(String campaignId, String actor, String kind, Map<String, ?> detail) {
        String text;
        try {
            text = json.writeValueAsString(detail);
        } catch (Exception e) {
            text = String.valueOf(detail);
        }
        jdbc.sql("insert into audit_event (campaign_id, at, actor, kind, detail) values (?, ?, ?, ?, ?)")
                .params(campaignId, Timestamp.from(Instant.now()), actor == null ? "system" : actor, kind, text)
                .update();
    }

    public List<Entry> trail(String campaignId) {
        return jdbc.sql("select id, at, actor, kind, detail from audit_event where campaign_id = ? order by id")
                .param(campaignId)
                .query((rs, i) -> new Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                        rs.getString("kind"), rs.getString("detail")))
                .list();
    }
}
