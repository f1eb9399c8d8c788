package io.campaignpilot.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a trail's hash chain from its first entry to its head. An entry is intact when its place follows the one
 * before, it names that entry's hash, its own hash is that of its fields, and its detail still has the hash it was
 * written with; the chain is whole when its last entry is the head recorded in audit_chain (so a removed tail shows).
 * A detail changed by a personal-data erasure is not a break when a later entry of the same chain, the erasure's own,
 * names it. Anyone able to rewrite a whole chain and its head could hide a change: the head ({@link Verification#head})
 * is what to keep outside, e.g. in an exported audit package.
 */
@Component
public class AuditChain {
    /** The head of a chain: its last entry's place and hash. */
    record Head(long lastSeq, String lastHash) {
    }

    /** The first entry that breaks the chain and why. */
    public record Break(Long entryId, Long seq, String kind, String reason) {
    }

    /**
     * What the check found: entries checked, whether the chain is intact, the first break, entries whose detail a
     * personal-data erasure redacted (by id), entries from before chaining (not verifiable) and the head.
     */
    public record Verification(String campaignId, int entries, boolean intact, Break firstBreak, List<Long> redacted,
                               int unchained, String head) {
    }

    /** Kind of the entry a personal-data erasure appends, naming the entries it redacted ({@code redactedEntries}). */
    public static final String ERASURE_KIND = "PERSONAL_DATA_ERASED";

    private record Row(long id, Long seq, Instant at, String actor, String kind, String detail, String detailHash,
                       String prevHash, String hash) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public AuditChain(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Verification verify(String campaignId) {
        List<Row> rows = jdbc.sql("""
                        select id, seq, at, actor, kind, detail, detail_hash, prev_hash, hash from audit_event
                        where campaign_id = ? order by case when seq is null then 0 else 1 end, seq, id""")
                .param(campaignId)
                .query((rs, i) -> new Row(rs.getLong(1), rs.getObject(2) == null ? null : rs.getLong(2),
                        rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getString(9)))
                .list();
        Optional<Head> recorded = jdbc.sql("select last_seq, last_hash from audit_chain where campaign_id = ?")
                .param(campaignId).query((rs, i) -> new Head(rs.getLong(1), rs.getString(2))).optional();
        List<Row> chained = rows.stream().filter(r -> r.seq() != null).toList();
        int unchained = rows.size() - chained.size();
        Set<Long> redactable = redactedByErasures(chained);
        List<Long> redacted = new ArrayList<>();
        Break found = null;
        long expectedSeq = 1;
        String previous = null;
        for (Row row : chained) {
            if (row.seq() != expectedSeq) {
                found = new Break(row.id(), row.seq(), row.kind(), row.seq() > expectedSeq
                        ? "entries " + expectedSeq + (row.seq() - 1 > expectedSeq ? " to " + (row.seq() - 1) : "")
                        + " before it are missing (deleted)" : "its place " + row.seq() + " repeats an earlier entry's");
                break;
            }
            if (!equal(previous, row.prevHash())) {
                found = new Break(row.id(), row.seq(), row.kind(), "it does not follow the entry before it (previous hash differs)");
                break;
            }
            if (!hash(campaignId, row.seq(), row.at(), row.actor(), row.kind(), row.detailHash(), row.prevHash())
                    .equals(row.hash())) {
                found = new Break(row.id(), row.seq(), row.kind(), "its time, actor, kind or place was changed (hash differs)");
                break;
            }
            if (!sha256(row.detail()).equals(row.detailHash())) {
                if (!redactable.contains(row.id())) {
                    found = new Break(row.id(), row.seq(), row.kind(), "its detail was changed");
                    break;
                }
                redacted.add(row.id());
            }
            previous = row.hash();
            expectedSeq++;
        }
        if (found == null && recorded.isPresent() && (recorded.get().lastSeq() != expectedSeq - 1
                || !equal(recorded.get().lastHash(), previous))) {
            found = new Break(null, expectedSeq, null, recorded.get().lastSeq() > expectedSeq - 1
                    ? "the chain ends at entry " + (expectedSeq - 1) + " but its head is entry " + recorded.get().lastSeq()
                    + ": the last entries were removed" : "the chain's head does not match its last entry");
        }
        return new Verification(campaignId, rows.size(), found == null, found, redacted, unchained,
                recorded.map(Head::lastHash).orElse(null));
    }

    /** Entries the chain's own (intact) erasure entries say they redacted. */
    private Set<Long> redactedByErasures(List<Row> rows) {
        Set<Long> ids = new HashSet<>();
        for (Row row : rows) {
            if (ERASURE_KIND.equals(row.kind()) && sha256(row.detail()).equals(row.detailHash())) {
                try {
                    JsonNode entries = json.readTree(row.detail()).path("redactedEntries");
                    entries.forEach(id -> ids.add(id.asLong()));
                } catch (Exception unreadable) {
                    // an erasure entry that cannot be read vouches for nothing
                }
            }
        }
        return ids;
    }

    static String hash(String chain, long seq, Instant at, String actor, String kind, String detailHash, String prevHash) {
        return sha256(String.join("\n", chain, Long.toString(seq), at.toString(), actor, kind, detailHash,
                prevHash == null ? "" : prevHash));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean equal(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
