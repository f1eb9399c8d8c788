package io.campaignpilot.knowledge;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Brings search in line with the database for one document, outside any transaction: the database has already
 * recorded the change (a new current version, an approval, a deletion) and committed; this writes or removes the
 * document's chunks in Elasticsearch and records the outcome on its versions ({@link KnowledgeStore.IndexState}).
 * A failure is recorded with its cause and retried on a schedule, or at once through the API. Nothing is lost: the
 * database is the source of truth, and a version that search has not caught up with says so.
 */
@Component
public class KnowledgeIndexing {
    private static final Logger log = LoggerFactory.getLogger(KnowledgeIndexing.class);

    /** Where search stands for a document after an attempt; {@code error} says why it failed. */
    public record Result(KnowledgeStore.IndexState state, String error) {
        public boolean done() {
            return state == KnowledgeStore.IndexState.DONE;
        }
    }

    private final KnowledgeIndex index;
    private final KnowledgeStore store;

    public KnowledgeIndexing(KnowledgeIndex index, KnowledgeStore store) {
        this.index = index;
        this.store = store;
    }

    /** Writes the document's current version to search, or removes the document when it has none. */
    public synchronized Result sync(String docId) {
        try {
            return attempt(docId);
        } catch (KnowledgeUnavailableException e) {
            return new Result(KnowledgeStore.IndexState.FAILED, e.getMessage());
        }
    }

    /**
     * Retries every document search has not caught up with; stops at the first sign Elasticsearch is still away.
     * One node at a time across the cluster (two would write the same documents at once); no minimum hold, so a
     * retry asked for right after another still runs.
     */
    @Scheduled(fixedDelayString = "${campaignpilot.knowledge.index-retry:1m}",
            initialDelayString = "${campaignpilot.knowledge.index-retry:1m}")
    @SchedulerLock(name = "knowledge-index-retry")
    public void retryWaiting() {
        for (String docId : store.awaitingIndex()) {
            try {
                synchronized (this) {
                    attempt(docId);
                }
            } catch (KnowledgeUnavailableException e) {
                return;
            }
        }
    }

    /**
     * One document, one node at a time; when the database changed while Elasticsearch was written, round again.
     * Records a failure, then throws it again when Elasticsearch did not answer.
     */
    private Result attempt(String docId) {
        for (int pass = 0; pass < 3; pass++) {
            int latest = store.latestVersion(docId);
            Optional<KnowledgeStore.StoredVersion> current = store.current(docId);
            try {
                if (current.isPresent()) {
                    index.write(current.get().document());
                } else {
                    index.remove(docId);
                }
            } catch (RuntimeException e) {
                String error = e instanceof KnowledgeUnavailableException ? e.getMessage()
                        : e.getClass().getSimpleName() + ": " + e.getMessage();
                store.indexFailed(docId, latest, error);
                log.warn("knowledge {} not brought in line with search (retried later): {}", docId, error);
                if (e instanceof KnowledgeUnavailableException unavailable) {
                    throw unavailable;
                }
                return new Result(KnowledgeStore.IndexState.FAILED, error);
            }
            boolean settled = current.isPresent() ? store.indexed(docId, current.get().document().version())
                    : store.removed(docId, latest);
            if (settled) {
                return new Result(KnowledgeStore.IndexState.DONE, null);
            }
        }
        // it changed on every pass: what still waits is taken up by the next retry
        return new Result(KnowledgeStore.IndexState.WAITING, null);
    }
}
