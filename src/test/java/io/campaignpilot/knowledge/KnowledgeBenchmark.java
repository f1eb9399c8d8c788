package io.campaignpilot.knowledge;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpilot.dev.EmbeddedElasticsearch;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Retrieval benchmark on the embedded Elasticsearch node: builds an index of synthetic knowledge (at least 10,000
 * chunks, embedded with the local model) through the same code path as a reindex, then measures query latency
 * including the query's embedding, for one hybrid search and for a campaign's full per-type context.
 * Prints numbers; asserts nothing about time. Run: {@code ./mvnw test -Dtest=KnowledgeBenchmarkTest}, or this
 * class's main with the number of chunks and queries as arguments.
 */
public final class KnowledgeBenchmark {
    public record Result(int documents, int chunks, double ingestSeconds, Percentiles search, Percentiles embedding,
                         Percentiles searchOnly, Percentiles context, int emptyResults) {
        public double chunksPerSecond() {
            return chunks / ingestSeconds;
        }

        public String report() {
            return String.format(Locale.ROOT, """
                    RETRIEVAL BENCHMARK (embedded Elasticsearch, local all-MiniLM-L6-v2-q embeddings, %d cores)
                      ingestion: %d documents, %d chunks in %.1f s = %.0f chunks/s (chunking, embedding, bulk indexing, merge to one segment)
                      hybrid search, top 5, incl. query embedding: %s
                        of which query embedding: %s
                        of which Elasticsearch request: %s
                      campaign context (5 types in one msearch), incl. query embedding: %s
                      target: p95 <= 25 ms for one hybrid search""",
                    Runtime.getRuntime().availableProcessors(), documents, chunks, ingestSeconds, chunksPerSecond(),
                    search, embedding, searchOnly, context);
        }
    }

    public record Percentiles(int n, double p50, double p95, double p99, double max) {
        static Percentiles of(List<Double> millis) {
            double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new Percentiles(sorted.length, at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99), sorted[sorted.length - 1]);
        }

        private static double at(double[] sorted, double q) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "n=%d p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms", n, p50, p95, p99, max);
        }
    }

    private static final String[] REGIONS = {"north", "south", "east", "west"};
    private static final String[] CATEGORIES = {"outdoor", "kitchen", "home", "apparel", "beauty", "grocery", "toys",
            "electronics", "supplements", "alcohol"};
    private static final KnowledgeType[] TYPES = {KnowledgeType.BRAND_VOICE, KnowledgeType.CLAIM, KnowledgeType.POLICY,
            KnowledgeType.CAMPAIGN_LEARNING, KnowledgeType.PRODUCT_FACT};

    public static void main(String[] args) throws Exception {
        int chunks = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        System.out.println(run(EmbeddedElasticsearch.shared().url(), chunks, queries).report());
        System.exit(0);
    }

    public static Result run(String url, int targetChunks, int queries) throws IOException {
        KnowledgeProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                "campaignpilot.knowledge.url", url,
                "campaignpilot.knowledge.alias", "benchmark-knowledge")))
                .bind("campaignpilot.knowledge", KnowledgeProperties.class).get();
        ElasticsearchClient client = ElasticsearchClient.of(b -> b.host(url));
        Embedder embedder = new LocalEmbedder();
        KnowledgeIndex index = new KnowledgeIndex(client, embedder, properties);
        KnowledgeRetriever retriever = new KnowledgeRetriever(client, embedder, properties);
        try {
            List<KnowledgeDocument> docs = synthetic(targetChunks, properties.chunkChars());
            int chunks = docs.stream().mapToInt(d -> Chunker.chunk(d.text(), properties.chunkChars()).size()).sum();
            long start = System.nanoTime();
            index.rebuild(docs);
            double ingestSeconds = (System.nanoTime() - start) / 1e9;

            List<String> texts = queryTexts(queries);
            Random random = new Random(7);
            for (int i = 0; i < 50; i++) {
                retriever.search(texts.get(i % texts.size()), null, null, null, 5);
            }
            List<Double> search = new ArrayList<>();
            List<Double> embedding = new ArrayList<>();
            List<Double> searchOnly = new ArrayList<>();
            List<Double> context = new ArrayList<>();
            int empty = 0;
            for (String text : texts) {
                String region = REGIONS[random.nextInt(REGIONS.length)];
                long t0 = System.nanoTime();
                List<GroundingSource> found = retriever.search(text, null, region, null, 5);
                search.add((System.nanoTime() - t0) / 1e6);
                empty += found.isEmpty() ? 1 : 0;
                long e0 = System.nanoTime();
                List<Float> vector = retriever.vector(text);
                embedding.add((System.nanoTime() - e0) / 1e6);
                long s0 = System.nanoTime();
                retriever.search(text, vector, null, region, null, 5);
                searchOnly.add((System.nanoTime() - s0) / 1e6);
                String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
                long t1 = System.nanoTime();
                // product facts are every fifth synthetic document
                int product = 5 * random.nextInt(docs.size() / 5) + 4;
                retriever.retrieve(new KnowledgeRetriever.Request(text, region, category, List.of("SYN-" + product)));
                context.add((System.nanoTime() - t1) / 1e6);
            }
            return new Result(docs.size(), chunks, ingestSeconds, Percentiles.of(search), Percentiles.of(embedding),
                    Percentiles.of(searchOnly), Percentiles.of(context), empty);
        } finally {
            for (String name : index.indices()) {
                client.indices().delete(d -> d.index(name));
            }
            client.close();
        }
    }

    /** Documents in the demo corpus's vocabulary, four paragraphs each, until the chunk target is reached. */
    static List<KnowledgeDocument> synthetic(int targetChunks, int chunkChars) throws IOException {
        List<String> words = vocabulary();
        Random random = new Random(42);
        List<KnowledgeDocument> docs = new ArrayList<>();
        int chunks = 0;
        for (int n = 0; chunks < targetChunks; n++) {
            KnowledgeType type = TYPES[n % TYPES.length];
            StringBuilder text = new StringBuilder();
            for (int p = 0; p < 4; p++) {
                StringBuilder paragraph = new StringBuilder();
                while (paragraph.length() < chunkChars * 0.7) {
                    paragraph.append(words.get(random.nextInt(words.size()))).append(random.nextInt(12) == 0 ? ". " : " ");
                }
                text.append(paragraph.toString().strip()).append(".\n\n");
            }
            String id = type == KnowledgeType.PRODUCT_FACT ? KnowledgeCorpus.productFactId("SYN-" + n) : "synthetic-" + n;
            KnowledgeDocument doc = new KnowledgeDocument(id, type, "Synthetic " + type.name().toLowerCase() + " " + n + ": "
                    + words.get(random.nextInt(words.size())) + " " + words.get(random.nextInt(words.size())),
                    text.toString().strip(), 1, KnowledgeDocument.APPROVED, "Harbor & Pine",
                    List.of(n % 3 == 0 || type == KnowledgeType.PRODUCT_FACT ? "all" : REGIONS[random.nextInt(REGIONS.length)]),
                    List.of(n % 4 == 0 ? "all" : CATEGORIES[random.nextInt(CATEGORIES.length)]), "en-GB", null, null, "benchmark", List.of());
            docs.add(doc);
            chunks += Chunker.chunk(doc.text(), chunkChars).size();
        }
        return docs;
    }

    private static List<String> vocabulary() throws IOException {
        StringBuilder all = new StringBuilder();
        for (var r : new PathMatchingResourcePatternResolver().getResources("classpath*:knowledge/corpus/*")) {
            all.append(r.getContentAsString(StandardCharsets.UTF_8)).append(' ');
        }
        return Arrays.stream(all.toString().toLowerCase(Locale.ROOT).split("[^a-z0-9%£-]+"))
                .filter(w -> w.length() > 2).distinct().sorted().toList();
    }

    private static List<String> queryTexts(int n) throws IOException {
        JsonNode labelled = new ObjectMapper().readTree(new ClassPathResource("knowledge/evaluation.json").getInputStream())
                .path("queries");
        List<String> texts = new ArrayList<>();
        for (int i = 0; texts.size() < n; i++) {
            texts.add(labelled.get(i % labelled.size()).path("query").asText() + (i < labelled.size() ? "" : " " + i));
        }
        return texts;
    }
}
