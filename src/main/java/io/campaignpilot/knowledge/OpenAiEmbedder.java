package io.campaignpilot.knowledge;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import io.campaignpilot.platform.NetworkCall;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Embeddings from an OpenAI-compatible endpoint (OpenAI, Azure, vLLM, Ollama) through openai-java. Asks for
 * plain floats, which every compatible server speaks, and checks that the vectors have the configured size.
 */
public class OpenAiEmbedder implements Embedder {
    private final OpenAIClient client;
    private final KnowledgeProperties.Embedding config;

    public OpenAiEmbedder(KnowledgeProperties.Embedding config) {
        this.config = config;
        this.client = OpenAIOkHttpClient.builder()
                .baseUrl(config.baseUrl())
                .apiKey(config.apiKey() == null || config.apiKey().isBlank() ? "not-needed" : config.apiKey())
                .timeout(config.timeout())
                .maxRetries(config.maxRetries())
                .build();
    }

    @Override
    public String model() {
        return config.model();
    }

    @Override
    public int dimensions() {
        return config.dimensions();
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        NetworkCall.outsideTransactions("a call to the embeddings endpoint at " + config.baseUrl());
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += config.batchSize()) {
            List<String> batch = texts.subList(from, Math.min(texts.size(), from + config.batchSize()));
            CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                    .model(config.model())
                    .inputOfArrayOfStrings(batch)
                    .dimensions(config.dimensions())
                    .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
                    .build());
            if (response.data().size() != batch.size()) {
                throw new IllegalStateException("embeddings endpoint returned " + response.data().size() + " vectors for "
                        + batch.size() + " texts");
            }
            response.data().stream().sorted(Comparator.comparingLong(e -> e.index())).forEach(e -> {
                List<Float> values = e.embedding();
                if (values.size() != config.dimensions()) {
                    throw new IllegalStateException("embedding model " + config.model() + " returned " + values.size()
                            + " dimensions, configured " + config.dimensions());
                }
                float[] vector = new float[values.size()];
                for (int i = 0; i < vector.length; i++) {
                    vector[i] = values.get(i);
                }
                vectors.add(vector);
            });
        }
        return vectors;
    }
}
