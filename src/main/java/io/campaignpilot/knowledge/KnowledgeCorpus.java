package io.campaignpilot.knowledge;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpilot.catalog.Catalog;
import io.campaignpilot.catalog.Product;
import io.campaignpilot.catalog.ProductChanged;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * At start-up: checks the index against the embedding model, imports a knowledge folder (Markdown with a metadata
 * header, claims as JSON) and derives one PRODUCT_FACT document per catalog product. Product facts follow the
 * catalog: on a {@link ProductChanged} event and on a schedule, for changes the ERP writes directly.
 * Neither is written by a person, so neither waits for a legal reviewer: the packaged corpus is reviewed with the
 * release that ships it, product facts are the catalog's own. Their versions name the source ('import', 'catalog')
 * as approver, so an auditor sees where an approval came from.
 */
@Component
@Order(10)
public class KnowledgeCorpus implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(KnowledgeCorpus.class);
    public static final String DEMO_CORPUS = "classpath*:knowledge/corpus/*";
    /** The product-fact sync's cluster lock: one node syncs at a time, whether on schedule or starting up. */
    static final String PRODUCT_FACT_SYNC = "knowledge-product-fact-sync";

    private final KnowledgeIndex index;
    private final KnowledgeIngestion ingestion;
    private final KnowledgeStore store;
    private final Catalog catalog;
    private final KnowledgeProperties properties;
    private final ObjectMapper json;
    private final LockingTaskExecutor locks;

    public KnowledgeCorpus(KnowledgeIndex index, KnowledgeIngestion ingestion, KnowledgeStore store, Catalog catalog,
                           KnowledgeProperties properties, ObjectMapper json, LockingTaskExecutor locks) {
        this.index = index;
        this.ingestion = ingestion;
        this.store = store;
        this.catalog = catalog;
        this.properties = properties;
        this.json = json;
        this.locks = locks;
    }

    @Override
    public void run(ApplicationArguments args) {
        index.ensureIndex().ifPresent(mismatch -> {
            if (!properties.reindexOnModelChange()) {
                throw new IllegalStateException(mismatch + ". Searching it would return meaningless results: start once with "
                        + "campaignpilot.knowledge.reindex-on-model-change=true to rebuild it from the knowledge in the "
                        + "database, or point campaignpilot.knowledge.alias at a new alias.");
            }
            log.warn("{}: rebuilding it with the current model", mismatch);
            ingestion.rebuildIndex();
        });
        if (properties.loadDemoCorpus()) {
            importFolder(DEMO_CORPUS);
        }
        // a scheduled sync on a node already running shares this lock (when it holds it, that sync does the work)
        locks.executeWithLock((Runnable) this::syncProductFacts,
                new LockConfiguration(Instant.now(), PRODUCT_FACT_SYNC, Duration.ofMinutes(30), Duration.ZERO));
    }

    /** Imports every document of a folder pattern; documents already imported with the same content are left alone. */
    public int importFolder(String pattern) {
        int written = 0;
        for (KnowledgeDocument doc : read(pattern)) {
            try {
                KnowledgeIngestion.Outcome outcome = ingestion.ingest(doc, "import");
                written += outcome.result() == KnowledgeIngestion.Result.UNCHANGED ? 0 : 1;
            } catch (ResponseStatusException e) {
                // an editor has published a newer version through the API: it wins over the folder
                log.info("knowledge import skipped {}: {}", doc.id(), e.getReason());
            }
        }
        log.info("knowledge import from {}: {} documents written", pattern, written);
        return written;
    }

    /**
     * Re-derives product facts from the catalog; only those whose facts changed get a new version. Once per cluster:
     * the node that runs it holds the lock at least product-fact-sync-hold (a little under the interval), so the other
     * nodes' turns in that interval are skipped.
     */
    @Scheduled(fixedDelayString = "${campaignpilot.knowledge.product-fact-sync:5m}",
            initialDelayString = "${campaignpilot.knowledge.product-fact-sync:5m}")
    @SchedulerLock(name = PRODUCT_FACT_SYNC, lockAtLeastFor = "${campaignpilot.knowledge.product-fact-sync-hold:PT4M}")
    public void syncProductFacts() {
        int changed = 0;
        for (Product p : catalog.all()) {
            changed += syncProduct(p) ? 1 : 0;
        }
        if (changed > 0) {
            log.info("product facts: {} re-indexed from the catalog", changed);
        }
    }

    @EventListener
    public void productChanged(ProductChanged event) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return; // changed inside someone's transaction: the scheduled sync follows, as Elasticsearch is never called in one
        }
        catalog.find(event.sku()).ifPresent(this::syncProduct);
    }

    private boolean syncProduct(Product p) {
        return ingestion.ingest(productFact(p), "catalog").result() != KnowledgeIngestion.Result.UNCHANGED;
    }

    /** A product's facts as the catalog states them. */
    public static KnowledgeDocument productFact(Product p) {
        String text = p.name() + " (SKU " + p.sku() + ", " + p.category() + "): " + p.description()
                + " Regular price £" + p.price() + "." + (p.regulated() ? " Regulated category." : "");
        return new KnowledgeDocument(productFactId(p.sku()), KnowledgeType.PRODUCT_FACT, p.name(), text, 0,
                KnowledgeDocument.APPROVED, p.brand(), List.of("all"), List.of(p.category()), "en-GB", null, null, "catalog",
                List.of());
    }

    public static String productFactId(String sku) {
        return "product-" + sku.toLowerCase();
    }

    List<KnowledgeDocument> read(String pattern) {
        List<KnowledgeDocument> docs = new ArrayList<>();
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources(pattern);
            Arrays.sort(resources, Comparator.comparing(r -> String.valueOf(r.getFilename())));
            for (Resource r : resources) {
                String name = r.getFilename();
                if (name == null) {
                    continue;
                }
                String content = r.getContentAsString(StandardCharsets.UTF_8);
                if (name.endsWith(".md") || name.endsWith(".txt")) {
                    docs.add(KnowledgeFormats.fromMarkdown(name, content));
                } else if (name.endsWith(".json")) {
                    docs.addAll(KnowledgeFormats.fromJson(name, json.readTree(content)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read knowledge folder " + pattern, e);
        }
        return docs;
    }
}
