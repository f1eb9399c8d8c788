package io.campaignpilot.knowledge;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Knowledge base settings ({@code campaignpilot.knowledge.*}).
 *
 * @param url                  Elasticsearch HTTP endpoint (the embedded node in dev and tests)
 * @param alias                the alias searches and writes go through; the concrete index sits behind it
 * @param connectTimeout       connecting to Elasticsearch
 * @param timeout              waiting for an answer: a slow cluster fails the step (and it retries), never hangs it
 * @param quotas               chunks retrieved per knowledge type, so every kind of source is represented
 * @param maxChunksPerDocument at most this many chunks of one document in a campaign's context
 * @param textBoost            weight of the BM25 part of the hybrid score
 * @param vectorBoost          weight of the kNN (cosine) part of the hybrid score
 * @param chunkChars           target chunk size; chunks follow paragraphs and sentences
 * @param maxDocumentChars     larger documents are rejected
 * @param loadDemoCorpus       import the demo retailer's knowledge corpus at start (the demo profile turns it on)
 * @param reindexOnModelChange rebuild the index at start-up when it was built with another embedding model
 * @param productFactSync      how often product facts are compared with the catalog and re-indexed when changed
 * @param indexRetry           how often versions that search has not caught up with (Elasticsearch was away) are retried
 */
@ConfigurationProperties("campaignpilot.knowledge")
public record KnowledgeProperties(
        @DefaultValue("http://127.0.0.1:9200") String url,
        String username,
        String password,
        @DefaultValue("campaignpilot-knowledge") String alias,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration timeout,
        Map<KnowledgeType, Integer> quotas,
        @DefaultValue("2") int maxChunksPerDocument,
        @DefaultValue("100") int numCandidates,
        @DefaultValue("1.0") float textBoost,
        @DefaultValue("8.0") float vectorBoost,
        @DefaultValue("700") int chunkChars,
        @DefaultValue("100000") int maxDocumentChars,
        @DefaultValue("false") boolean loadDemoCorpus,
        @DefaultValue("false") boolean reindexOnModelChange,
        @DefaultValue("5m") Duration productFactSync,
        @DefaultValue("1m") Duration indexRetry,
        @DefaultValue Embedding embedding) {

    private static final Map<KnowledgeType, Integer> DEFAULT_QUOTAS = new EnumMap<>(Map.of(
            KnowledgeType.BRAND_VOICE, 2, KnowledgeType.CLAIM, 3, KnowledgeType.PRODUCT_FACT, 3,
            KnowledgeType.POLICY, 3, KnowledgeType.CAMPAIGN_LEARNING, 2));

    /** Chunks to retrieve for a type: the configured quota, or the default. */
    public int quota(KnowledgeType type) {
        Integer configured = quotas == null ? null : quotas.get(type);
        return configured != null ? configured : DEFAULT_QUOTAS.get(type);
    }

    /**
     * The longest one retrieval can take: the query's embedding (every retry of a remote endpoint timing out) and the
     * search, plus a minute for the rest. The worker's lock on "Retrieve grounding" lasts this long.
     */
    public Duration longestRetrieval() {
        Duration embedding = "openai".equalsIgnoreCase(embedding().provider())
                ? embedding().timeout().plusSeconds(10).multipliedBy(Math.max(embedding().maxRetries(), 0) + 1L)
                : Duration.ZERO;
        return embedding.plus(connectTimeout).plus(timeout).plus(Duration.ofMinutes(1));
    }

    /**
     * Where embeddings come from: the local ONNX model, or an OpenAI-compatible embeddings endpoint.
     *
     * @param provider   {@code local} or {@code openai}
     * @param dimensions vector size the endpoint returns (sent as the "dimensions" parameter when the model allows)
     * @param batchSize  texts per embeddings call during ingestion
     */
    public record Embedding(
            @DefaultValue("local") String provider,
            @DefaultValue("http://127.0.0.1:11434/v1") String baseUrl,
            String apiKey,
            @DefaultValue("text-embedding-3-small") String model,
            @DefaultValue("384") int dimensions,
            @DefaultValue("32") int batchSize,
            @DefaultValue("30s") Duration timeout,
            @DefaultValue("2") int maxRetries) {
    }
}
