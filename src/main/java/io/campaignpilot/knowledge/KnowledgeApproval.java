package io.campaignpilot.knowledge;

import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.engine.CampaignEngine;
import io.campaignpilot.security.Groups;
import io.campaignpilot.web.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Four eyes on claims and policies: a version waiting for approval goes live only when a member of
 * {@code legal-reviewers} other than its author approves it. Group membership is read from Camunda's identity
 * service on every decision, and being an administrator is no way round it. Each decision is kept on the version
 * (who, when, comment) and in the audit log. An approval is recorded first and then written to search; if search is
 * away, the approved version says so and is indexed by a retry.
 */
@Service
public class KnowledgeApproval {
    private static final Logger log = LoggerFactory.getLogger(KnowledgeApproval.class);
    static final int MAX_COMMENT = 2000;

    private final KnowledgeStore store;
    private final KnowledgeIndexing indexing;
    private final CampaignEngine engine;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final KnowledgeProperties properties;

    public KnowledgeApproval(KnowledgeStore store, KnowledgeIndexing indexing, CampaignEngine engine, AuditLog audit,
                             TransactionTemplate transaction, KnowledgeProperties properties) {
        this.store = store;
        this.indexing = indexing;
        this.engine = engine;
        this.audit = audit;
        this.transaction = transaction;
        this.properties = properties;
    }

    /** The longest learning a lead may approve: it is shown and edited in a Tasklist form, as one process variable. */
    public static final int MAX_LEARNING = 3900;

    /**
     * A marketing lead approves a campaign learning drafted from a measurement, with their corrections to its text:
     * it goes into search and grounds later campaigns. Worked by the process after the lead's Tasklist task, outside
     * any transaction; a retry after the approval committed finds it approved and does nothing more.
     */
    public KnowledgeStore.StoredVersion approveLearning(String docId, int version, String lead, String text, String comment) {
        KnowledgeStore.StoredVersion waiting = learning(docId, version, lead);
        if (decidedBy(waiting, KnowledgeStore.State.CURRENT, lead)) {
            KnowledgeIndexing.Result indexed = indexing.sync(docId);
            log.info("learning {} v{} was approved by {} already{}", docId, version, lead, indexed.done() ? "" : "; "
                    + indexed.error());
            return store.version(docId, version).orElseThrow();
        }
        requireWaiting(waiting);
        if (text == null || text.isBlank() || text.strip().length() > MAX_LEARNING) {
            throw new InvalidInputException("text", "a learning is between 1 and " + MAX_LEARNING + " characters");
        }
        KnowledgeDocument approved = waiting.document().withText(text.strip()).withStatus(KnowledgeDocument.APPROVED);
        int chunks = Chunker.chunk(approved.text(), properties.chunkChars()).size();
        transaction.executeWithoutResult(tx -> {
            if (!store.approve(approved, chunks, lead, comment)) {
                throw notWaiting(docId, version, "it was decided or superseded a moment ago");
            }
            Map<String, Object> detail = detail(waiting, comment);
            detail.put("edited", !approved.text().equals(waiting.document().text().strip()));
            audit.record(AuditLog.SYSTEM, lead, "KNOWLEDGE_APPROVED", detail);
        });
        KnowledgeIndexing.Result indexed = indexing.sync(docId);
        log.info("learning {} v{} approved by {}{}", docId, version, lead, indexed.done() ? "" : "; not searchable yet: "
                + indexed.error());
        return store.version(docId, version).orElseThrow();
    }

    /** A marketing lead sets a drafted learning aside with the reason: it never reaches search. Idempotent like approval. */
    public KnowledgeStore.StoredVersion rejectLearning(String docId, int version, String lead, String comment) {
        KnowledgeStore.StoredVersion waiting = learning(docId, version, lead);
        if (decidedBy(waiting, KnowledgeStore.State.REJECTED, lead)) {
            return waiting;
        }
        requireWaiting(waiting);
        transaction.executeWithoutResult(tx -> {
            if (!store.reject(waiting.document().withStatus(KnowledgeDocument.REJECTED), lead, comment)) {
                throw notWaiting(docId, version, "it was decided or superseded a moment ago");
            }
            audit.record(AuditLog.SYSTEM, lead, "KNOWLEDGE_REJECTED", detail(waiting, comment));
        });
        return store.version(docId, version).orElseThrow();
    }

    private KnowledgeStore.StoredVersion learning(String docId, int version, String lead) {
        KnowledgeStore.StoredVersion stored = store.version(docId, version).orElseThrow(() ->
                new IllegalStateException("no version " + version + " of learning " + docId));
        if (stored.document().type() != KnowledgeType.CAMPAIGN_LEARNING) {
            throw new IllegalStateException(docId + " is a " + stored.document().type() + ", not a campaign learning");
        }
        if (!engine.isMember(lead, Groups.MARKETING_LEADS)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "only members of " + Groups.MARKETING_LEADS
                    + " decide campaign learnings, and " + lead + " is not one");
        }
        return stored;
    }

    private static boolean decidedBy(KnowledgeStore.StoredVersion v, KnowledgeStore.State state, String lead) {
        return v.state() == state && lead.equals(state == KnowledgeStore.State.REJECTED ? v.rejectedBy() : v.approvedBy());
    }

    /** Approves a waiting version: it replaces the approved version in search, which is kept for audit. */
    public KnowledgeStore.StoredVersion approve(String docId, int version, String approver, String comment) {
        KnowledgeStore.StoredVersion waiting = decidable(docId, version, approver, comment, "approve");
        if (waiting.ingestedBy().equalsIgnoreCase(approver)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, approver + " submitted version " + version + " of "
                    + docId + " and cannot approve it: four eyes, a second member of " + Groups.LEGAL_REVIEWERS + " must");
        }
        requireWaiting(waiting);
        KnowledgeDocument approved = waiting.document().withStatus(KnowledgeDocument.APPROVED);
        transaction.executeWithoutResult(tx -> {
            if (!store.approve(approved, waiting.chunks(), approver, comment)) {
                throw notWaiting(docId, version, "it was decided or superseded a moment ago");
            }
            audit.record(AuditLog.SYSTEM, approver, "KNOWLEDGE_APPROVED", detail(waiting, comment));
        });
        // the decision is committed; search follows outside the transaction
        KnowledgeIndexing.Result indexed = indexing.sync(docId);
        log.info("knowledge {} v{} ({}) by {} approved by {}{}", docId, version, approved.type(), waiting.ingestedBy(),
                approver, indexed.done() ? "" : "; not searchable yet: " + indexed.error());
        return store.version(docId, version).orElseThrow();
    }

    /** Refuses a waiting version with the reason; the approved version keeps serving. Its author may withdraw it so. */
    public KnowledgeStore.StoredVersion reject(String docId, int version, String reviewer, String comment) {
        if (comment == null || comment.isBlank()) {
            throw new InvalidInputException("comment", "is required: say why the version is rejected");
        }
        KnowledgeStore.StoredVersion waiting = decidable(docId, version, reviewer, comment, "reject");
        requireWaiting(waiting);
        transaction.executeWithoutResult(tx -> {
            if (!store.reject(waiting.document().withStatus(KnowledgeDocument.REJECTED), reviewer, comment)) {
                throw notWaiting(docId, version, "it was decided or superseded a moment ago");
            }
            audit.record(AuditLog.SYSTEM, reviewer, "KNOWLEDGE_REJECTED", detail(waiting, comment));
        });
        log.info("knowledge {} v{} by {} rejected by {}", docId, version, waiting.ingestedBy(), reviewer);
        return store.version(docId, version).orElseThrow();
    }

    /** Every legal decision on knowledge, oldest first: who approved or rejected which version, and why. */
    public List<AuditLog.Entry> decisions() {
        return audit.trail(AuditLog.SYSTEM).stream().filter(e -> e.kind().startsWith("KNOWLEDGE_")).toList();
    }

    /** Taking a claim or policy out of service is legal's decision too, as putting it in is. */
    public void checkMayDelete(String docId, String user) {
        boolean legalDocument = store.current(docId).or(() -> store.pending(docId))
                .map(v -> v.document().needsLegalApproval()).orElse(false);
        if (legalDocument && !engine.isMember(user, Groups.LEGAL_REVIEWERS)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "only members of " + Groups.LEGAL_REVIEWERS
                    + " may delete claims and policies, and " + user + " is not one");
        }
    }

    /** The version, once we know it exists and the caller is a legal reviewer. */
    private KnowledgeStore.StoredVersion decidable(String docId, int version, String user, String comment, String action) {
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw new InvalidInputException("comment", "is longer than " + MAX_COMMENT + " characters");
        }
        KnowledgeStore.StoredVersion stored = store.version(docId, version).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no version " + version + " of knowledge document " + docId));
        if (stored.document().type() == KnowledgeType.CAMPAIGN_LEARNING && stored.state() == KnowledgeStore.State.PENDING) {
            // one door: the lead's task would otherwise stay open over a learning decided behind its back
            throw new ResponseStatusException(HttpStatus.CONFLICT, "a learning drafted from a measurement is approved or set "
                    + "aside by a marketing lead in its Tasklist task (\"Approve learning\"), not here");
        }
        if (!engine.isMember(user, Groups.LEGAL_REVIEWERS)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "only members of " + Groups.LEGAL_REVIEWERS
                    + " may " + action + " claims and policies, and " + user + " is not one");
        }
        return stored;
    }

    private static void requireWaiting(KnowledgeStore.StoredVersion v) {
        if (v.state() != KnowledgeStore.State.PENDING || !KnowledgeDocument.IN_REVIEW.equals(v.document().status())) {
            String docId = v.document().id();
            int version = v.document().version();
            throw notWaiting(docId, version, KnowledgeDocument.DRAFT.equals(v.document().status())
                    ? "it is a draft (its author submits it again as IN_REVIEW when it is ready)"
                    : "it is " + v.document().status() + " (" + v.state() + ")");
        }
    }

    private static ResponseStatusException notWaiting(String docId, int version, String why) {
        return new ResponseStatusException(HttpStatus.CONFLICT, "version " + version + " of " + docId
                + " is not awaiting approval: " + why);
    }

    private static Map<String, Object> detail(KnowledgeStore.StoredVersion v, String comment) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("docId", v.document().id());
        detail.put("version", v.document().version());
        detail.put("type", v.document().type());
        detail.put("submittedBy", v.ingestedBy());
        detail.put("comment", comment);
        return detail;
    }
}
