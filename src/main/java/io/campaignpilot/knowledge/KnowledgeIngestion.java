package io.campaignpilot.knowledge;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.campaignpilot.catalog.Catalog;
import io.campaignpilot.catalog.Product;
import io.campaignpilot.catalog.Regions;
import io.campaignpilot.web.FieldError;
import io.campaignpilot.web.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Adds, versions and deletes knowledge. A document is validated in full before anything is written; the version is
 * recorded in a short database transaction, and only then are its chunks written to Elasticsearch
 * ({@link KnowledgeIndexing}), never inside the transaction. When that fails the version stays recorded, marked as not
 * yet searchable with the reason, and is retried; meanwhile search keeps the previous version, and nothing is half
 * indexed. Superseded and deleted versions stay in the database for audit and disappear from search.
 * <p>
 * A person's claim or policy is never approved by its author: the version waits out of search (PENDING, IN_REVIEW)
 * until a second legal reviewer approves it ({@link KnowledgeApproval}); the approved version keeps serving meanwhile.
 */
@Service
public class KnowledgeIngestion {
    private static final Logger log = LoggerFactory.getLogger(KnowledgeIngestion.class);
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{1,99}");
    private static final Pattern LOCALE = Pattern.compile("[a-z]{2}(-[A-Z]{2})?");
    /** A SKU as the catalog keeps them: up to 32 letters, digits, '.', '_' or '-'. */
    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    static final Set<String> STATUSES = Set.of(KnowledgeDocument.DRAFT, KnowledgeDocument.IN_REVIEW,
            KnowledgeDocument.APPROVED, KnowledgeDocument.RETIRED);
    static final String AWAITING_LEGAL = "approval by a second legal reviewer";
    static final String AWAITING_LEAD = "approval by a marketing lead";

    /** What an ingestion did. */
    public enum Result { CREATED, NEW_VERSION, UNCHANGED }

    /**
     * The version an ingestion left, its status, and what it waits for before it can be retrieved (if anything):
     * legal approval, or search ({@code indexState} not DONE, {@code indexError} saying why).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outcome(String docId, int version, int chunks, Result result, String status, String awaiting,
                          KnowledgeStore.IndexState indexState, String indexError) {
        static Outcome of(KnowledgeDocument doc, int chunks, Result result, KnowledgeIndexing.Result indexed) {
            return new Outcome(doc.id(), doc.version(), chunks, result, doc.status(), null, indexed.state(), indexed.error());
        }

        /** A version kept aside: in review it waits for legal, a draft for its author. */
        static Outcome aside(KnowledgeDocument doc, int chunks, Result result) {
            String awaiting = !KnowledgeDocument.IN_REVIEW.equals(doc.status()) ? null
                    : doc.type() == KnowledgeType.CAMPAIGN_LEARNING ? AWAITING_LEAD : AWAITING_LEGAL;
            return new Outcome(doc.id(), doc.version(), chunks, result, doc.status(), awaiting, null, null);
        }

        /** Recorded, but search does not have it yet. */
        public boolean notSearchable() {
            return indexState != null && indexState != KnowledgeStore.IndexState.DONE;
        }
    }

    private final KnowledgeIndex index;
    private final KnowledgeIndexing indexing;
    private final KnowledgeStore store;
    private final KnowledgeProperties properties;
    private final TransactionTemplate transaction;
    private final Regions regions;
    private final Catalog catalog;

    public KnowledgeIngestion(KnowledgeIndex index, KnowledgeIndexing indexing, KnowledgeStore store,
                              KnowledgeProperties properties, TransactionTemplate transaction, Regions regions,
                              Catalog catalog) {
        this.index = index;
        this.indexing = indexing;
        this.store = store;
        this.properties = properties;
        this.transaction = transaction;
        this.regions = regions;
        this.catalog = catalog;
    }

    /**
     * Ingests a person's document: product facts are refused, they come from the catalog; a claim or policy (or a
     * document that is one today) waits for a second legal reviewer whatever status its author asked for.
     */
    public synchronized Outcome submit(KnowledgeDocument doc, String author) {
        if (doc.type() == KnowledgeType.PRODUCT_FACT) {
            throw new InvalidInputException("type", "PRODUCT_FACT documents are derived from the catalog and cannot be submitted");
        }
        validate(doc);
        // changing a policy's type must not be a way round legal
        boolean legal = doc.needsLegalApproval() || store.current(doc.id()).or(() -> store.pending(doc.id()))
                .map(v -> v.document().needsLegalApproval()).orElse(false);
        return legal ? propose(doc, author) : ingest(doc, author);
    }

    /**
     * A learning drafted from a campaign's measurement: it waits out of search until a marketing lead approves it
     * ({@link KnowledgeApproval#approveLearning}). The same draft again changes nothing, so a retried measurement
     * step neither duplicates it nor reopens one already approved.
     */
    public Outcome draftLearning(KnowledgeDocument doc, String author) {
        if (doc.type() != KnowledgeType.CAMPAIGN_LEARNING) {
            throw new IllegalArgumentException("only a CAMPAIGN_LEARNING is drafted from a measurement, not " + doc.type());
        }
        validate(doc);
        return propose(doc.withStatus(KnowledgeDocument.IN_REVIEW), author);
    }

    /**
     * Indexes a document with the status it states. Besides editors' brand voice and learnings, this is the path of
     * sources that are not a person (the packaged corpus, 'import'; the catalog, 'catalog'), which are recorded as
     * the approver of what they bring. Version 0 means "next version"; the same content again is UNCHANGED;
     * an explicit version that is not newer than the latest is refused with 409.
     */
    synchronized Outcome ingest(KnowledgeDocument doc, String by) {
        validate(doc);
        var current = store.current(doc.id());
        if (current.isPresent() && current.get().contentHash().equals(doc.contentHash())
                && (doc.version() == 0 || doc.version() == current.get().document().version())) {
            KnowledgeStore.StoredVersion same = current.get();
            KnowledgeIndexing.Result indexed = inSearch(same) ? new KnowledgeIndexing.Result(same.indexState(), null)
                    : indexing.sync(doc.id());
            return Outcome.of(same.document(), same.chunks(), Result.UNCHANGED, indexed);
        }
        KnowledgeDocument versioned = nextVersion(doc);
        int chunks = Chunker.chunk(versioned.text(), properties.chunkChars()).size();
        transaction.executeWithoutResult(tx -> store.saveCurrent(versioned, chunks, by));
        // committed: now search, outside the transaction
        KnowledgeIndexing.Result indexed = indexing.sync(versioned.id());
        log.info("knowledge {} v{} ({}, {}, {} chunks) ingested by {}{}", versioned.id(), versioned.version(),
                versioned.type(), versioned.status(), chunks, by, indexed.done() ? "" : "; not searchable yet: " + indexed.error());
        return Outcome.of(versioned, chunks, current.isPresent() ? Result.NEW_VERSION : Result.CREATED, indexed);
    }

    /** Whether search has this version, as recorded and (when Elasticsearch answers) as it really is. */
    private boolean inSearch(KnowledgeStore.StoredVersion version) {
        if (version.indexState() != KnowledgeStore.IndexState.DONE) {
            return false;
        }
        try {
            // an index rebuilt or lost behind our back is written again
            return index.indexedVersion(version.document().id()) == version.document().version();
        } catch (KnowledgeUnavailableException e) {
            return true; // cannot tell now; the record says it is there
        }
    }

    /**
     * Keeps a claim or policy version out of search until a legal reviewer decides. APPROVED and IN_REVIEW are both
     * stored as IN_REVIEW; a DRAFT stays a draft that nobody can approve until it is submitted again for review.
     */
    private synchronized Outcome propose(KnowledgeDocument doc, String author) {
        if (KnowledgeDocument.RETIRED.equals(doc.status())) {
            throw new InvalidInputException("status", "a claim or policy is taken out of service with DELETE, not by "
                    + "submitting a RETIRED version");
        }
        KnowledgeDocument proposed = doc.withStatus(KnowledgeDocument.DRAFT.equals(doc.status())
                ? KnowledgeDocument.DRAFT : KnowledgeDocument.IN_REVIEW);
        var current = store.current(doc.id());
        var pending = store.pending(doc.id());
        if (pending.isPresent() && same(pending.get(), proposed)) {
            return Outcome.aside(pending.get().document(), pending.get().chunks(), Result.UNCHANGED);
        }
        // the approved text again: nothing new for legal to approve
        if (current.isPresent() && KnowledgeDocument.IN_REVIEW.equals(proposed.status())
                && same(current.get(), proposed.withStatus(KnowledgeDocument.APPROVED))) {
            KnowledgeStore.StoredVersion approved = current.get();
            return Outcome.of(approved.document(), approved.chunks(), Result.UNCHANGED,
                    new KnowledgeIndexing.Result(approved.indexState(), approved.indexError()));
        }
        KnowledgeDocument versioned = nextVersion(proposed);
        int chunks = Chunker.chunk(versioned.text(), properties.chunkChars()).size();
        transaction.executeWithoutResult(tx -> store.savePending(versioned, chunks, author));
        log.info("knowledge {} v{} ({}, {}) submitted by {}: not retrievable until a second legal reviewer approves it",
                versioned.id(), versioned.version(), versioned.type(), versioned.status(), author);
        return Outcome.aside(versioned, chunks, current.isPresent() || pending.isPresent() ? Result.NEW_VERSION : Result.CREATED);
    }

    private static boolean same(KnowledgeStore.StoredVersion stored, KnowledgeDocument doc) {
        return stored.contentHash().equals(doc.contentHash())
                && (doc.version() == 0 || doc.version() == stored.document().version());
    }

    private KnowledgeDocument nextVersion(KnowledgeDocument doc) {
        int latest = store.latestVersion(doc.id());
        if (doc.version() != 0 && doc.version() <= latest) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, doc.id() + ": version " + doc.version()
                    + " is not newer than the latest version " + latest + " (leave version out to add the next one)");
        }
        return doc.withVersion(doc.version() == 0 ? latest + 1 : doc.version());
    }

    /**
     * Removes a document from search and from review; its versions stay in the database, marked DELETED. The deletion
     * is recorded first; when search cannot let go of it yet, the result says why and the removal is retried.
     */
    public synchronized KnowledgeIndexing.Result delete(String docId, String by) {
        if (store.current(docId).isEmpty() && store.pending(docId).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no current knowledge document " + docId);
        }
        transaction.executeWithoutResult(tx -> store.markDeleted(docId));
        KnowledgeIndexing.Result removed = indexing.sync(docId);
        log.info("knowledge {} deleted by {}{}", docId, by, removed.done() ? "" : "; still in search until a retry: " + removed.error());
        return removed;
    }

    /** Tries again at once to bring search in line with a document whose indexing failed. */
    public KnowledgeIndexing.Result retryIndexing(String docId) {
        if (store.versions(docId).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no knowledge document " + docId);
        }
        return indexing.sync(docId);
    }

    /**
     * Rebuilds the index from the current versions in the database, then swaps the alias to it. Another node may
     * ingest, approve or delete knowledge meanwhile and write that to the old index, which the swap then drops; so
     * afterwards every document whose current version is not the one the build read is brought in line again. A
     * change committed after that comparison reaches search through the alias, which names the new index by then.
     */
    public synchronized String rebuildIndex() {
        Map<String, Integer> built = new HashMap<>();
        List<KnowledgeDocument> documents = store.allCurrent().stream().map(KnowledgeStore.StoredVersion::document).toList();
        documents.forEach(d -> built.put(d.id(), d.version()));
        String rebuilt = index.rebuild(documents);
        Set<String> changed = new TreeSet<>();
        Map<String, Integer> now = new HashMap<>();
        store.allCurrent().forEach(v -> now.put(v.document().id(), v.document().version()));
        now.forEach((id, version) -> {
            if (!version.equals(built.get(id))) {
                changed.add(id);
            }
        });
        built.keySet().stream().filter(id -> !now.containsKey(id)).forEach(changed::add);
        for (String docId : changed) {
            KnowledgeIndexing.Result result = indexing.sync(docId);
            log.info("knowledge {} changed during the rebuild of {}: {}", docId, rebuilt,
                    result.done() ? "brought in line" : "retried later (" + result.error() + ")");
        }
        return rebuilt;
    }

    /** Refuses a document with every problem named, before anything is written. */
    public void validate(KnowledgeDocument doc) {
        List<FieldError> errors = new ArrayList<>();
        if (doc.id() == null || doc.id().isBlank()) {
            errors.add(new FieldError("id", "is required"));
        } else if (!ID.matcher(doc.id()).matches()) {
            errors.add(new FieldError("id", "must be 2-100 lower-case letters, digits, '.', '_' or '-'"));
        }
        if (doc.type() == null) {
            errors.add(new FieldError("type", "is required"));
        }
        if (doc.title() == null || doc.title().isBlank()) {
            errors.add(new FieldError("title", "is required"));
        } else if (doc.title().length() > 300) {
            errors.add(new FieldError("title", "is longer than 300 characters"));
        }
        if (doc.text() == null || doc.text().isBlank()) {
            errors.add(new FieldError("text", "is empty"));
        } else if (doc.text().length() > properties.maxDocumentChars()) {
            errors.add(new FieldError("text", "has " + doc.text().length() + " characters, more than the limit of "
                    + properties.maxDocumentChars()));
        }
        if (doc.status() == null || doc.status().isBlank()) {
            errors.add(new FieldError("status", "is required, one of " + STATUSES.stream().sorted().toList()));
        } else if (!STATUSES.contains(doc.status())) {
            errors.add(new FieldError("status", "unknown status '" + doc.status() + "', expected one of "
                    + STATUSES.stream().sorted().toList()));
        }
        if (doc.owner() == null || doc.owner().isBlank()) {
            errors.add(new FieldError("owner", "is required: who answers for this document"));
        }
        if (doc.version() < 0) {
            errors.add(new FieldError("version", "must not be negative"));
        }
        if (doc.regions().isEmpty()) {
            errors.add(new FieldError("regions", "must name at least one region or 'all'"));
        }
        doc.regions().stream().filter(r -> !"all".equals(r) && !regions.contains(r)).forEach(r ->
                errors.add(new FieldError("regions", "unknown region '" + r + "', expected 'all' or one of "
                        + regions.sorted())));
        if (doc.categories().isEmpty()) {
            errors.add(new FieldError("categories", "must name at least one category or 'all'"));
        }
        validateProducts(doc, errors);
        if (doc.locale() == null || !LOCALE.matcher(doc.locale()).matches()) {
            errors.add(new FieldError("locale", "must look like en-GB"));
        }
        if (doc.effectiveFrom() != null && doc.effectiveTo() != null && doc.effectiveTo().isBefore(doc.effectiveFrom())) {
            errors.add(new FieldError("effectiveTo", "is before effectiveFrom"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    /**
     * Only a claim names products, and only SKUs the catalog knows: a mistyped SKU would make the claim silently
     * unusable, or worse, tie it to the wrong product.
     */
    private void validateProducts(KnowledgeDocument doc, List<FieldError> errors) {
        if (doc.products().isEmpty()) {
            return;
        }
        if (doc.type() != null && doc.type() != KnowledgeType.CLAIM) {
            errors.add(new FieldError("products", "only a CLAIM names the products it is about, not a " + doc.type()));
            return;
        }
        List<String> wellFormed = new ArrayList<>();
        for (String sku : doc.products()) {
            if (SKU.matcher(sku).matches()) {
                wellFormed.add(sku);
            } else {
                errors.add(new FieldError("products", "'" + sku + "' is not a SKU (up to 32 letters, digits, '.', '_' or '-')"));
            }
        }
        Set<String> known = new TreeSet<>(catalog.findAll(wellFormed).stream().map(Product::sku).toList());
        wellFormed.stream().filter(sku -> !known.contains(sku)).forEach(sku ->
                errors.add(new FieldError("products", "unknown SKU '" + sku + "': not in the catalog")));
    }
}
