package io.campaignpilot.knowledge;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.campaignpilot.catalog.Catalog;
import io.campaignpilot.catalog.Regions;
import io.campaignpilot.dev.EmbeddedElasticsearch;
import io.campaignpilot.dev.TestDatabases;
import io.campaignpilot.web.FieldError;
import io.campaignpilot.web.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A claim names the products it is about, from the corpus file through the database (on H2 and PostgreSQL) and
 * Elasticsearch to retrieval: the tent's claims are found for a tent campaign and never for the picnic blanket's.
 */
class ClaimProductsTest {
    private static final Embedder LOCAL = new LocalEmbedder();
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aClaimAboutTheTentIsRetrievedForTheTentAndNotForTheBlanket(String database) throws Exception {
        String alias = "knowledge-claim-products-" + UUID.randomUUID();
        KnowledgeProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                "campaignpilot.knowledge.url", EmbeddedElasticsearch.shared().url(),
                "campaignpilot.knowledge.alias", alias,
                "campaignpilot.knowledge.timeout", "30s")))
                .bind("campaignpilot.knowledge", KnowledgeProperties.class).get();
        try (HikariDataSource db = TestDatabases.migrated(database, "claim_products");
             ElasticsearchClient client = new KnowledgeConfiguration().elasticsearchClient(properties)) {
            new ResourceDatabasePopulator(new ClassPathResource("db/demo/V100__demo_catalog.sql")).execute(db);
            KnowledgeStore store = new KnowledgeStore(JdbcClient.create(db));
            KnowledgeIndex index = new KnowledgeIndex(client, LOCAL, properties);
            Catalog catalog = new Catalog(JdbcClient.create(db), event -> { });
            KnowledgeIngestion ingestion = new KnowledgeIngestion(index, new KnowledgeIndexing(index, store), store,
                    properties, TestDatabases.transactions(db), new Regions(List.of("north", "south", "east", "west")), catalog);
            KnowledgeRetriever retriever = new KnowledgeRetriever(client, LOCAL, properties);
            try {
                assertThat(index.ensureIndex()).isEmpty();
                // the packaged claims, every SKU they name checked against the demo catalog
                List<KnowledgeDocument> claims = KnowledgeFormats.fromJson("claims.json",
                        JSON.readTree(new ClassPathResource("knowledge/corpus/claims.json").getInputStream()));
                claims.forEach(claim -> ingestion.ingest(claim, "import"));
                ingestion.ingest(KnowledgeFormats.fromMarkdown("brand-voice.md", new ClassPathResource(
                        "knowledge/corpus/brand-voice.md").getContentAsString(java.nio.charset.StandardCharsets.UTF_8)), "import");
                catalog.findAll(List.of("HP-OUT-003", "HP-OUT-004"))
                        .forEach(p -> ingestion.ingest(KnowledgeCorpus.productFact(p), "catalog"));

                assertThat(store.current("claim-tent-waterproof").orElseThrow().document().products()).containsExactly("HP-OUT-003");

                List<GroundingSource> forTent = retriever.retrieve(new KnowledgeRetriever.Request(
                        "Outdoor days. Two-Person Tent outdoor", "north", "outdoor", List.of("HP-OUT-003")));
                assertThat(claimIds(forTent)).contains("claim-tent-waterproof").doesNotContain("claim-bottle-cold");
                assertThat(forTent).filteredOn(s -> s.docId().equals("claim-tent-waterproof"))
                        .allSatisfy(s -> assertThat(s.products()).containsExactly("HP-OUT-003"));

                List<GroundingSource> forBlanket = retriever.retrieve(new KnowledgeRetriever.Request(
                        "Outdoor days. Picnic Blanket Waterproof outdoor waterproof", "north", "outdoor", List.of("HP-OUT-004")));
                assertThat(claimIds(forBlanket)).doesNotContain("claim-tent-waterproof", "claim-tent-weight", "claim-bottle-cold");

                // an editor's search, with no campaign, still finds every claim
                assertThat(retriever.search("tent waterproof hydrostatic head", KnowledgeType.CLAIM, "north", "outdoor", 5))
                        .extracting(GroundingSource::docId).contains("claim-tent-waterproof");
            } finally {
                for (String name : index.indices()) {
                    client.indices().delete(d -> d.index(name));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"id\": \"claim-x\", \"title\": \"X\", \"text\": \"X.\", \"evidence\": \"E\", \"categories\": [\"outdoor\"], \"status\": \"APPROVED\", \"owner\": \"q\", \"products\": \"HP-OUT-003\"}",
            "{\"id\": \"claim-x\", \"title\": \"X\", \"text\": \"X.\", \"evidence\": \"E\", \"categories\": [\"outdoor\"], \"status\": \"APPROVED\", \"owner\": \"q\", \"products\": [{\"sku\": \"HP-OUT-003\"}]}"})
    void productsThatAreNotAListOfSkusAreRefusedNamingTheField(String body) throws Exception {
        assertThatThrownBy(() -> KnowledgeFormats.fromJson("body", JSON.readTree(body)))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).errors()).extracting(FieldError::field)
                        .containsExactly("body: products"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HP OUT 003", "HP-NOT-IN-CATALOG"})
    void aSkuThatIsMalformedOrUnknownIsRefusedNamingTheField(String sku) {
        try (HikariDataSource db = TestDatabases.migrated("h2", "claim_products_validation")) {
            new ResourceDatabasePopulator(new ClassPathResource("db/demo/V100__demo_catalog.sql")).execute(db);
            KnowledgeStore store = new KnowledgeStore(JdbcClient.create(db));
            KnowledgeIngestion ingestion = new KnowledgeIngestion(null, null, store, new Binder(new MapConfigurationPropertySource(
                    Map.of())).bindOrCreate("campaignpilot.knowledge", KnowledgeProperties.class),
                    TestDatabases.transactions(db), new Regions(List.of("north")), new Catalog(JdbcClient.create(db), event -> { }));
            KnowledgeDocument claim = new KnowledgeDocument("claim-x", KnowledgeType.CLAIM, "X", "X.", 0,
                    KnowledgeDocument.APPROVED, "Harbor & Pine", List.of("all"), List.of("outdoor"), "en-GB", null, null, "q",
                    List.of("HP-OUT-003", sku));

            assertThatThrownBy(() -> ingestion.validate(claim)).isInstanceOf(InvalidInputException.class)
                    .satisfies(e -> assertThat(((InvalidInputException) e).errors()).singleElement()
                            .satisfies(error -> {
                                assertThat(error.field()).isEqualTo("products");
                                assertThat(error.reason()).contains(sku);
                            }));
            // a policy names no products
            KnowledgeDocument policy = new KnowledgeDocument("policy-x", KnowledgeType.POLICY, "X", "X.", 0,
                    KnowledgeDocument.APPROVED, "Harbor & Pine", List.of("all"), List.of("outdoor"), "en-GB", null, null, "q",
                    List.of("HP-OUT-003"));
            assertThatThrownBy(() -> ingestion.validate(policy)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("products: only a CLAIM");
        }
    }

    private static List<String> claimIds(List<GroundingSource> sources) {
        return sources.stream().filter(s -> s.type() == KnowledgeType.CLAIM).map(GroundingSource::docId).toList();
    }
}
