package io.campaignpilot.knowledge;

import io.campaignpilot.trigger.CampaignRegistration;
import io.campaignpilot.trigger.FieldError;
import io.campaignpilot.trigger.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Adds, versions and deletes knowledge. A document is validated in full before anything is written; its chunks
 * go to Elasticsearch inside the database transaction that records the version, so a failure on either side
 * leaves the previous version searchable and nothing half indexed. Superseded and deleted versions stay in the
 * database for audit and disappear from search.
 */
@Service
public class KnowledgeIngestion {
    private static final Logger log = LoggerFactory.getLogger(KnowledgeIngestion.class);
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{1,99}");
    private static final Pattern LOCALE = Pattern.compile("[a-z]{2}(-[A-Z]{2})?");
    static final Set<String> STATUSES = Set.of("DRAFT", "IN_REVIEW", KnowledgeDocument.APPROVED, "RETIRED");

    /** What an ingestion did. */
    public enum Result { CREATED, NEW_VERSION, UNCHANGED }

    public record Outcome(String docId, int version, int chunks, Result result) {
    }

    private final KnowledgeIndex index;
    private final KnowledgeStore store;
    private final KnowledgeProperties properties;
    private final TransactionTemplate transaction;

    public KnowledgeIngestion(KnowledgeIndex index, KnowledgeStore store, KnowledgeProperties properties,
                              TransactionTemplate transaction) {
        this.index = index;
        this.store = store;
        this.properties = properties;
        this.transaction = transaction;
    }

    /** Ingests an editor's document: product facts are refused, they come from the catalog. */
    public Outcome submit(KnowledgeDocument doc, String by) {
        if (doc.type() == KnowledgeType.PRODUCT_FACT) {
            throw new InvalidInputException("type", "PRODUCT_FACT documents are derived from the catalog and cannot be submitted");
        }
        return ingest(doc, by);
    }

    /**
     * Validates and indexes a document. Version 0 means "next version"; the same content again is UNCHANGED;
     * an explicit version that is not newer than the latest is refused with 409.
     */
    public synchronized Outcome ingest(KnowledgeDocument doc, String by) {
        validate(doc);
        var current = store.current(doc.id());
        if (current.isPresent() && current.get().contentHash().equals(doc.contentHash())
                && (doc.version() == 0 || doc.version() == current.get().document().version())) {
            int version = current.get().document().version();
            if (index.indexedVersion(doc.id()) != version) {
                index.write(current.get().document());
            }
            return new Outcome(doc.id(), version, current.get().chunks(), Result.UNCHANGED);
        }
        int latest = store.latestVersion(doc.id());
        if (doc.version() != 0 && doc.version() <= latest) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, doc.id() + ": version " + doc.version()
                    + " is not newer than the latest version " + latest + " (leave version out to add the next one)");
        }
        KnowledgeDocument versioned = doc.withVersion(doc.version() == 0 ? latest + 1 : doc.version());
        int chunks = transaction.execute(tx -> {
            int n = Chunker.chunk(versioned.text(), properties.chunkChars()).size();
            store.saveCurrent(versioned, n, by);
            // last inside the transaction: if Elasticsearch fails, the database rolls back with it
            return index.write(versioned);
        });
        log.info("knowledge {} v{} ({}, {} chunks) ingested by {}", versioned.id(), versioned.version(), versioned.type(),
                chunks, by);
        return new Outcome(versioned.id(), versioned.version(), chunks, current.isPresent() ? Result.NEW_VERSION : Result.CREATED);
    }

    /** Removes a document from search; its versions stay in the database, marked DELETED. */
    public synchronized void delete(String docId, String by) {
        if (store.current(docId).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no current knowledge document " + docId);
        }
        transaction.executeWithoutResult(tx -> {
            store.markDeleted(docId);
            index.remove(docId);
        });
        log.info("knowledge {} deleted by {}", docId, by);
    }

    /** Rebuilds the index from the current versions in the database, then swaps the alias to it. */
    public synchronized String rebuildIndex() {
        return index.rebuild(store.allCurrent().stream().map(KnowledgeStore.StoredVersion::document).toList());
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
        doc.regions().stream().filter(r -> !"all".equals(r) && !CampaignRegistration.REGIONS.contains(r)).forEach(r ->
                errors.add(new FieldError("regions", "unknown region '" + r + "', expected 'all' or one of "
                        + CampaignRegistration.REGIONS.stream().sorted().toList())));
        if (doc.categories().isEmpty()) {
            errors.add(new FieldError("categories", "must name at least one category or 'all'"));
        }
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
}
