package io.campaignpilot.knowledge;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Every version of every knowledge document, in our database: the audit trail and the source to reindex from. */
@Component
public class KnowledgeStore {
    /** One stored version and what became of it. */
    public record StoredVersion(KnowledgeDocument document, String contentHash, int chunks, State state,
                                String ingestedBy, Instant ingestedAt, Instant retiredAt) {
    }

    public enum State { CURRENT, SUPERSEDED, DELETED }

    private final JdbcClient jdbc;

    public KnowledgeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<StoredVersion> current(String docId) {
        return jdbc.sql("select * from knowledge_document where doc_id = ? and state = 'CURRENT'").param(docId)
                .query(KnowledgeStore::map).optional();
    }

    public int latestVersion(String docId) {
        return jdbc.sql("select coalesce(max(version), 0) from knowledge_document where doc_id = ?").param(docId)
                .query(Integer.class).single();
    }

    public List<StoredVersion> versions(String docId) {
        return jdbc.sql("select * from knowledge_document where doc_id = ? order by version desc").param(docId)
                .query(KnowledgeStore::map).list();
    }

    public List<StoredVersion> allCurrent() {
        return jdbc.sql("select * from knowledge_document where state = 'CURRENT' order by doc_type, doc_id")
                .query(KnowledgeStore::map).list();
    }

    /** Records a new current version and retires the previous one. */
    public void saveCurrent(KnowledgeDocument doc, int chunks, String ingestedBy) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("update knowledge_document set state = 'SUPERSEDED', retired_at = ? where doc_id = ? and state = 'CURRENT'")
                .params(now, doc.id()).update();
        jdbc.sql("""
                insert into knowledge_document (doc_id, version, doc_type, title, content, content_hash, approval_status, brand,
                    regions, categories, locale, effective_from, effective_to, owner, chunks, state, ingested_by, ingested_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'CURRENT', ?, ?)""")
                .params(doc.id(), doc.version(), doc.type().name(), doc.title(), doc.text(), doc.contentHash(), doc.status(),
                        doc.brand(), String.join(",", doc.regions()), String.join(",", doc.categories()), doc.locale(),
                        doc.effectiveFrom() == null ? null : Date.valueOf(doc.effectiveFrom()),
                        doc.effectiveTo() == null ? null : Date.valueOf(doc.effectiveTo()), doc.owner(), chunks, ingestedBy, now)
                .update();
    }

    public void markDeleted(String docId) {
        jdbc.sql("update knowledge_document set state = 'DELETED', retired_at = ? where doc_id = ? and state = 'CURRENT'")
                .params(Timestamp.from(Instant.now()), docId).update();
    }

    private static StoredVersion map(ResultSet rs, int row) throws SQLException {
        Date from = rs.getDate("effective_from");
        Date to = rs.getDate("effective_to");
        Timestamp retired = rs.getTimestamp("retired_at");
        KnowledgeDocument doc = new KnowledgeDocument(rs.getString("doc_id"), KnowledgeType.valueOf(rs.getString("doc_type")),
                rs.getString("title"), rs.getString("content"), rs.getInt("version"), rs.getString("approval_status"),
                rs.getString("brand"), split(rs.getString("regions")), split(rs.getString("categories")),
                rs.getString("locale"), from == null ? null : from.toLocalDate(), to == null ? null : to.toLocalDate(),
                rs.getString("owner"));
        return new StoredVersion(doc, rs.getString("content_hash"), rs.getInt("chunks"), State.valueOf(rs.getString("state")),
                rs.getString("ingested_by"), rs.getTimestamp("ingested_at").toInstant(), retired == null ? null : retired.toInstant());
    }

    private static List<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
