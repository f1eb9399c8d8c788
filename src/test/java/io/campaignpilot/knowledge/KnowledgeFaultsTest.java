package io.campaignpilot.knowledge;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.campaignpilot.dev.EmbeddedElasticsearch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * What happens when Elasticsearch is gone, hangs, or holds an index built with another embedding model: a clear
 * error the process step turns into retries and an incident, never an empty context or meaningless scores.
 */
class KnowledgeFaultsTest {
    private static final List<Socket> accepted = new ArrayList<>();
    private static ServerSocket silent;
    private static final Embedder local = new LocalEmbedder();

    @BeforeAll
    static void openASocketThatNeverAnswers() throws Exception {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!silent.isClosed()) {
                try {
                    accepted.add(silent.accept()); // read nothing, answer nothing
                } catch (Exception closed) {
                    return;
                }
            }
        });
    }

    @AfterAll
    static void close() throws Exception {
        silent.close();
        for (Socket s : accepted) {
            s.close();
        }
    }

    @Test
    void unreachableElasticsearchIsAClearErrorNotAnEmptyContext() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        KnowledgeProperties properties = properties("http://127.0.0.1:" + closedPort, "knowledge-faults", Map.of());
        try (ElasticsearchClient client = client(properties)) {
            KnowledgeRetriever retriever = new KnowledgeRetriever(client, local, properties);
            assertThatThrownBy(() -> retriever.retrieve(new KnowledgeRetriever.Request("summer bottles", "north", "outdoor",
                    List.of("HP-OUT-002"))))
                    .isInstanceOf(KnowledgeUnavailableException.class)
                    .hasMessageContaining("127.0.0.1:" + closedPort).hasMessageContaining("did not answer");
            assertThatThrownBy(() -> new KnowledgeIndex(client, local, properties).ensureIndex())
                    .isInstanceOf(KnowledgeUnavailableException.class);
        }
    }

    @Test
    void aClusterThatHangsTimesOutInsteadOfBlockingTheStep() throws Exception {
        KnowledgeProperties properties = properties("http://127.0.0.1:" + silent.getLocalPort(), "knowledge-faults",
                Map.of("campaignpilot.knowledge.timeout", "1s"));
        try (ElasticsearchClient client = client(properties)) {
            KnowledgeRetriever retriever = new KnowledgeRetriever(client, local, properties);
            // the bound only proves the call returns at all; the configured timeout is one second
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(() -> retriever.search(
                    "summer bottles", null, "north", null, 5))
                    .isInstanceOf(KnowledgeUnavailableException.class)
                    .hasMessageContaining("did not answer"));
        }
    }

    @Test
    void anIndexBuiltWithAnotherEmbeddingModelStopsTheStartUpUntilItIsRebuilt() throws Exception {
        String alias = "knowledge-model-change";
        KnowledgeProperties properties = properties(EmbeddedElasticsearch.shared().url(), alias, Map.of());
        try (ElasticsearchClient client = client(properties)) {
            KnowledgeIndex builtWithLocal = new KnowledgeIndex(client, local, properties);
            assertThat(builtWithLocal.ensureIndex()).isEmpty();
            try {
                KnowledgeIndex otherModel = new KnowledgeIndex(client, new HashingEmbedder(), properties);

                assertThat(otherModel.ensureIndex()).hasValueSatisfying(message -> assertThat(message)
                        .contains("built with embedding model all-minilm-l6-v2-q (384 dims)")
                        .contains("embeds with hashing-test-model (16 dims)"));
                KnowledgeCorpus corpus = new KnowledgeCorpus(otherModel, null, null, null, properties, null, null);
                assertThatThrownBy(() -> corpus.run(null)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("reindex-on-model-change=true");

                // what reindex-on-model-change does: rebuild behind the alias with the new model, then it matches
                otherModel.rebuild(List.of(new KnowledgeDocument("brand-voice-test", KnowledgeType.BRAND_VOICE, "Voice",
                        "Warm, plain and practical.", 1, KnowledgeDocument.APPROVED, "Harbor & Pine", List.of("all"),
                        List.of("all"), "en-GB", null, null, "test", List.of())));
                assertThat(otherModel.ensureIndex()).isEmpty();
                assertThat(builtWithLocal.ensureIndex()).hasValueSatisfying(m -> assertThat(m).contains("hashing-test-model"));
            } finally {
                for (String index : builtWithLocal.indices()) {
                    client.indices().delete(d -> d.index(index));
                }
            }
        }
    }

    private static KnowledgeProperties properties(String url, String alias, Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(extra);
        values.put("campaignpilot.knowledge.url", url);
        values.put("campaignpilot.knowledge.alias", alias);
        return new Binder(new MapConfigurationPropertySource(values))
                .bind("campaignpilot.knowledge", KnowledgeProperties.class).get();
    }

    /** The application's own client factory, with its timeouts. */
    private static ElasticsearchClient client(KnowledgeProperties properties) {
        return new KnowledgeConfiguration().elasticsearchClient(properties);
    }

    /** A different "model": 16 dimensions derived from a hash of the text. */
    private static final class HashingEmbedder implements Embedder {
        @Override
        public String model() {
            return "hashing-test-model";
        }

        @Override
        public int dimensions() {
            return 16;
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            return texts.stream().map(text -> {
                try {
                    byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
                    float[] v = new float[16];
                    for (int i = 0; i < 16; i++) {
                        v[i] = hash[i] / 128f + 0.01f;
                    }
                    return v;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }
}
