package io.campaignpilot.knowledge;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.zaxxer.hikari.HikariDataSource;
import io.campaignpilot.catalog.Catalog;
import io.campaignpilot.catalog.Regions;
import io.campaignpilot.dev.EmbeddedElasticsearch;
import io.campaignpilot.dev.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reindex on node A while node B ingests and deletes knowledge (one database, one Elasticsearch): B writes to the
 * old index, which A's alias swap then drops; afterwards search must still have what B ingested and not what B deleted.
 */
class ReindexWhileAnotherNodeIngestsTest {
    private static final Embedder LOCAL = new LocalEmbedder();

    @Test
    void aDocumentIngestedOnAnotherNodeDuringAReindexIsSearchableAfterIt() throws Exception {
        String alias = "knowledge-reindex-race-" + UUID.randomUUID();
        KnowledgeProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                "campaignpilot.knowledge.url", EmbeddedElasticsearch.shared().url(),
                "campaignpilot.knowledge.alias", alias,
                "campaignpilot.knowledge.timeout", "30s")))
                .bind("campaignpilot.knowledge", KnowledgeProperties.class).get();
        try (HikariDataSource db = TestDatabases.migrated("h2", "reindex-race");
             ElasticsearchClient client = new KnowledgeConfiguration().elasticsearchClient(properties)) {
            TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(db));
            KnowledgeStore store = new KnowledgeStore(JdbcClient.create(db));

            // node B: ingests and deletes as editors ask it to
            KnowledgeIndex indexB = new KnowledgeIndex(client, LOCAL, properties);
            KnowledgeIngestion nodeB = new KnowledgeIngestion(indexB, new KnowledgeIndexing(indexB, store), store, properties, transaction,
                    new Regions(List.of("north", "south", "east", "west")), new Catalog(JdbcClient.create(db), event -> { }));
            // node A: reindexes; while it builds the new index, node B does its work (and A waits until B is done)
            AtomicBoolean bWorked = new AtomicBoolean();
            Embedder duringTheBuild = new Embedder() {
                @Override
                public String model() {
                    return LOCAL.model();
                }

                @Override
                public int dimensions() {
                    return LOCAL.dimensions();
                }

                @Override
                public List<float[]> embed(List<String> texts) {
                    if (bWorked.compareAndSet(false, true)) {
                        CompletableFuture.runAsync(() -> {
                            nodeB.ingest(doc("learning-during-reindex", "Shoppers in the north answer best to morning emails."), "editor");
                            nodeB.delete("voice-to-retire", "editor");
                        }).join();
                    }
                    return LOCAL.embed(texts);
                }
            };
            KnowledgeIndex indexA = new KnowledgeIndex(client, duringTheBuild, properties);
            KnowledgeIngestion nodeA = new KnowledgeIngestion(indexA, new KnowledgeIndexing(indexA, store), store, properties, transaction,
                    new Regions(List.of("north", "south", "east", "west")), new Catalog(JdbcClient.create(db), event -> { }));
            try {
                assertThat(indexA.ensureIndex()).isEmpty();
                nodeB.ingest(doc("voice-plain", "Warm, plain and practical."), "import");
                nodeB.ingest(doc("voice-to-retire", "Exclamation marks everywhere!"), "import");
                List<String> before = indexA.indices();
                assertThat(indexB.indexedVersion("voice-to-retire")).isEqualTo(1);

                nodeA.rebuildIndex();

                assertThat(bWorked).isTrue();
                assertThat(indexA.indices()).doesNotContainAnyElementsOf(before);
                assertThat(indexA.indexedVersion("voice-plain")).isEqualTo(1);
                // what B wrote to the old index during the build is in the new one, and what B removed stays removed
                assertThat(indexA.indexedVersion("learning-during-reindex")).isEqualTo(1);
                assertThat(indexA.indexedVersion("voice-to-retire")).isZero();
                assertThat(store.current("learning-during-reindex").orElseThrow().indexState())
                        .isEqualTo(KnowledgeStore.IndexState.DONE);
            } finally {
                for (String index : indexA.indices()) {
                    client.indices().delete(d -> d.index(index));
                }
            }
        }
    }

    private static KnowledgeDocument doc(String id, String text) {
        return new KnowledgeDocument(id, KnowledgeType.BRAND_VOICE, "Voice " + id, text, 0, KnowledgeDocument.APPROVED,
                "Harbor & Pine", List.of("all"), List.of("all"), "en-GB", null, null, "test", List.of());
    }
}
