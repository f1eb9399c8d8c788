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

/**
 * Every version of every knowledge document, in our database: the audit trail and the source to reindex from.
 * A document has at most one CURRENT version (the one in search) and at most one PENDING version (a claim or policy
 * waiting for a legal reviewer, kept out of search). Each CURRENT or DELETED version says whether search has caught up
 * with it ({@link IndexState}): this table is written first, Elasticsearch afterwards by {@link KnowledgeIndexing}.
 */
@Component
public class KnowledgeStore {
    /** One stored version, what became of it, and who approved or rejected it. */
    public record StoredVersion(KnowledgeDocument document, String contentHash, int chunks, State state,
                                String ingestedBy, Instant ingestedAt, Instant retiredAt,
                                String approvedBy, Instant approvedAt, String rejectedBy, Instant rejectedAt,
                                String reviewComment, IndexState indexState, String indexError, int indexAttempts,
                                Instant indexedAt) {
    }

    public enum State { CURRENT, PENDING, SUPERSEDED, DELETED, REJECTED }

    /**
     * Whether search has caught up with a version: WAITING to be written (or removed), DONE, FAILED (retried; the
     * error says why), or SKIPPED (superseded first). Null for versions that are never indexed (kept aside, rejected).
     */
    public enum IndexState { WAITING, DONE, FAILED, SKIPPED }

    private final JdbcClient jdbc;

    public KnowledgeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The version in search, if any. */
    public Optional<StoredVersion> current(String docId) {
        return inState(docId, State.CURRENT);
    }

    /** The version waiting for a legal reviewer (or a draft kept aside), if any. */
    public Optional<StoredVersion> pending(String docId) {
        return inState(docId, State.PENDING);
    }

    public Optional<StoredVersion> version(String docId, int version) {
        return jdbc.sql("select * from knowledge_document where doc_id = ? and version = ?").params(docId, version)
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

    public List<StoredVersion> allPending() {
        return jdbc.sql("select * from knowledge_document where state = 'PENDING' order by doc_type, doc_id")
                .query(KnowledgeStore::map).list();
    }

    /** Documents with a version that search has not caught up with (waiting, or failed), oldest first. */
    public List<String> awaitingIndex() {
        return jdbc.sql("""
                select doc_id from knowledge_document where index_state in ('WAITING', 'FAILED')
                group by doc_id order by min(coalesce(retired_at, ingested_at))""")
                .query(String.class).list();
    }

    /**
     * Search now holds this CURRENT version (and so none of the older ones): it is DONE, older deleted versions are
     * gone too, older superseded ones are SKIPPED. False when the version stopped being current meanwhile.
     */
    public boolean indexed(String docId, int version) {
        Timestamp now = Timestamp.from(Instant.now());
        int current = jdbc.sql("""
                update knowledge_document set index_state = 'DONE', index_error = null, indexed_at = ?
                where doc_id = ? and version = ? and state = 'CURRENT'""")
                .params(now, docId, version).update();
        settleOlder(docId, version, now);
        return current == 1;
    }

    /**
     * Search holds nothing of the document any more: its DELETED versions up to {@code latest} are DONE. False when a
     * new version became current meanwhile.
     */
    public boolean removed(String docId, int latest) {
        if (current(docId).isPresent()) {
            return false;
        }
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                update knowledge_document set index_state = 'DONE', index_error = null, indexed_at = ?
                where doc_id = ? and version <= ? and state = 'DELETED' and index_state in ('WAITING', 'FAILED')""")
                .params(now, docId, latest).update();
        settleOlder(docId, latest + 1, now);
        return current(docId).isEmpty();
    }

    /** Writing or removing the document in search failed: its versions up to {@code latest} say why. */
    public void indexFailed(String docId, int latest, String error) {
        jdbc.sql("""
                update knowledge_document set index_state = 'FAILED', index_error = ?, index_attempts = index_attempts + 1
                where doc_id = ? and version <= ? and (index_state in ('WAITING', 'FAILED') or state = 'CURRENT')""")
                .params(error.length() > 2000 ? error.substring(0, 2000) : error, docId, latest).update();
    }

    private void settleOlder(String docId, int below, Timestamp now) {
        jdbc.sql("""
                update knowledge_document set index_state = case when state = 'DELETED' then 'DONE' else 'SKIPPED' end,
                    index_error = null, indexed_at = ?
                where doc_id = ? and version < ? and state <> 'CURRENT' and index_state in ('WAITING', 'FAILED')""")
                .params(now, docId, below).update();
    }

    /**
     * Records a new current version and retires the previous current and pending ones. An APPROVED version is
     * recorded as approved by whoever ingested it: the author, or the source ('import', 'catalog'). It waits for
     * search ({@link IndexState#WAITING}).
     */
    public void saveCurrent(KnowledgeDocument doc, int chunks, String ingestedBy) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("update knowledge_document set state = 'SUPERSEDED', retired_at = ? where doc_id = ? and state in ('CURRENT', 'PENDING')")
                .params(now, doc.id()).update();
        boolean approved = KnowledgeDocument.APPROVED.equals(doc.status());
        insert(doc, chunks, State.CURRENT, ingestedBy, now, approved ? ingestedBy : null, approved ? now : null,
                IndexState.WAITING);
    }

    /** Records a version that waits out of search; an earlier waiting version is superseded, the current one stays. */
    public void savePending(KnowledgeDocument doc, int chunks, String ingestedBy) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("update knowledge_document set state = 'SUPERSEDED', retired_at = ? where doc_id = ? and state = 'PENDING'")
                .params(now, doc.id()).update();
        insert(doc, chunks, State.PENDING, ingestedBy, now, null, null, null);
    }

    /**
     * Makes a version waiting for approval the current, approved one and retires the previous current version. The
     * approved title and text replace the waiting ones (a marketing lead may correct a learning's draft as they
     * approve it; for a claim or policy they are the same). False when that version was no longer waiting (someone
     * decided or superseded it first).
     */
    public boolean approve(KnowledgeDocument approved, int chunks, String by, String comment) {
        Timestamp now = Timestamp.from(Instant.now());
        String docId = approved.id();
        int version = approved.version();
        int changed = jdbc.sql("""
                update knowledge_document set state = 'CURRENT', approval_status = 'APPROVED', content_hash = ?,
                    title = ?, content = ?, chunks = ?, approved_by = ?, approved_at = ?, review_comment = ?,
                    index_state = 'WAITING'
                where doc_id = ? and version = ? and state = 'PENDING' and approval_status = 'IN_REVIEW'""")
                .params(approved.contentHash(), approved.title(), approved.text(), chunks, by, now, comment, docId, version)
                .update();
        if (changed == 1) {
            jdbc.sql("update knowledge_document set state = 'SUPERSEDED', retired_at = ? where doc_id = ? and state = 'CURRENT' and version <> ?")
                    .params(now, docId, version).update();
        }
        return changed == 1;
    }

    /** Refuses a version waiting for approval; false when it was no longer waiting. */
    public boolean reject(KnowledgeDocument rejected, String by, String comment) {
        Timestamp now = Timestamp.from(Instant.now());
        return jdbc.sql("""
                update knowledge_document set state = 'REJECTED', approval_status = 'REJECTED', content_hash = ?,
                    rejected_by = ?, rejected_at = ?, review_comment = ?, retired_at = ?
                where doc_id = ? and version = ? and state = 'PENDING' and approval_status = 'IN_REVIEW'""")
                .params(rejected.contentHash(), by, now, comment, now, rejected.id(), rejected.version()).update() == 1;
    }

    /** Takes the current and any waiting version out of service; search has yet to let go of them. */
    public void markDeleted(String docId) {
        jdbc.sql("""
                update knowledge_document set state = 'DELETED', retired_at = ?, index_state = 'WAITING'
                where doc_id = ? and state in ('CURRENT', 'PENDING')""")
                .params(Timestamp.from(Instant.now()), docId).update();
    }

    private Optional<StoredVersion> inState(String docId, State state) {
        return jdbc.sql("select * from knowledge_document where doc_id = ? and state = ?").params(docId, state.name())
                .query(KnowledgeStore::map).optional();
    }

    private void insert(KnowledgeDocument doc, int chunks, State state, String ingestedBy, Timestamp now,
                        String approvedBy, Timestamp approvedAt, IndexState indexState) {
        jdbc.sql("""
                insert into knowledge_document (doc_id, version, doc_type, title, content, content_hash, approval_status, brand,
                    regions, categories, locale, effective_from, effective_to, owner, chunks, state, ingested_by, ingested_at,
                    approved_by, approved_at, index_state, products)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(doc.id(), doc.version(), doc.type().name(), doc.title(), doc.text(), doc.contentHash(), doc.status(),
                        doc.brand(), String.join(",", doc.regions()), String.join(",", doc.categories()), doc.locale(),
                        doc.effectiveFrom() == null ? null : Date.valueOf(doc.effectiveFrom()),
                        doc.effectiveTo() == null ? null : Date.valueOf(doc.effectiveTo()), doc.owner(), chunks, state.name(),
                        ingestedBy, now, approvedBy, approvedAt, indexState == null ? null : indexState.name(),
                        doc.products().isEmpty() ? null : String.join(",", doc.products()))
                .update();
    }

    private static StoredVersion map(ResultSet rs, int row) throws SQLException {
        Date from = rs.getDate("effective_from");
        Date to = rs.getDate("effective_to");
        KnowledgeDocument doc = new KnowledgeDocument(rs.getString("doc_id"), KnowledgeType.valueOf(rs.getString("doc_type")),
                rs.getString("title"), rs.getString("content"), rs.getInt("version"), rs.getString("approval_status"),
                rs.getString("brand"), split(rs.getString("regions")), split(rs.getString("categories")),
                rs.getString("locale"), from == null ? null : from.toLocalDate(), to == null ? null : to.toLocalDate(),
                rs.getString("owner"), split(rs.getString("products")));
        return new StoredVersion(doc, rs.getString("content_hash"), rs.getInt("chunks"), State.valueOf(rs.getString("state")),
                rs.getString("ingested_by"), instant(rs, "ingested_at"), instant(rs, "retired_at"),
                rs.getString("approved_by"), instant(rs, "approved_at"), rs.getString("rejected_by"),
                instant(rs, "rejected_at"), rs.getString("review_comment"),
                rs.getString("index_state") == null ? null : IndexState.valueOf(rs.getString("index_state")),
                rs.getString("index_error"), rs.getInt("index_attempts"), instant(rs, "indexed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static List<String> split(String csv) {
        if (csv == null) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
