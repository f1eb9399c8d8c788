package io.campaignpilot.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The optional embeddings provider over the wire: openai-java against a local HTTP server speaking the OpenAI
 * embeddings protocol. Vectors are encoded from each input's length, so the test can tell which came back where.
 */
class EmbeddingEndpointWireTest {
    private final ObjectMapper json = new ObjectMapper();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int answeredDimensions = 4;
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/embeddings", exchange -> {
            JsonNode request = json.readTree(exchange.getRequestBody());
            requests.add(request);
            int status = 200;
            byte[] body;
            if (failuresLeft.getAndDecrement() > 0) {
                status = 503;
                body = "{\"error\": {\"message\": \"model loading\"}}".getBytes(StandardCharsets.UTF_8);
            } else {
                ArrayNode data = json.createArrayNode();
                JsonNode inputs = request.path("input");
                // answer in reverse order: clients must sort by index, as the protocol allows any order
                for (int i = inputs.size() - 1; i >= 0; i--) {
                    ArrayNode vector = json.createArrayNode();
                    for (int d = 0; d < answeredDimensions; d++) {
                        vector.add(d == 0 ? inputs.get(i).asText().length() : 0.5f);
                    }
                    data.add(json.createObjectNode().put("object", "embedding").put("index", i).set("embedding", vector));
                }
                ObjectNode response = json.createObjectNode().put("object", "list").put("model", request.path("model").asText());
                response.set("data", data);
                response.set("usage", json.createObjectNode().put("prompt_tokens", 12).put("total_tokens", 12));
                body = json.writeValueAsBytes(response);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void embedsInBatchesAndKeepsTheInputOrder() {
        List<float[]> vectors = embedder(2, 0).embed(List.of("a", "bb", "ccc", "dddd", "eeeee"));

        assertThat(vectors).extracting(v -> v[0]).containsExactly(1f, 2f, 3f, 4f, 5f);
        assertThat(vectors).allSatisfy(v -> assertThat(v).hasSize(4));
        assertThat(requests).hasSize(3);
        JsonNode first = requests.getFirst();
        assertThat(first.path("model").asText()).isEqualTo("embed-stub");
        assertThat(first.path("dimensions").asInt()).isEqualTo(4);
        assertThat(first.path("encoding_format").asText()).isEqualTo("float");
        assertThat(first.path("input")).hasSize(2);
    }

    @Test
    void aTemporaryServerErrorIsRetried() {
        failuresLeft.set(1);
        assertThat(embedder(8, 2).embed("retry me")).hasSize(4);
        assertThat(requests).hasSize(2);
    }

    @Test
    void vectorsOfTheWrongSizeAreRefusedRatherThanIndexed() {
        answeredDimensions = 3;
        assertThatThrownBy(() -> embedder(8, 0).embed("wrong size"))
                .hasMessageContaining("returned 3 dimensions, configured 4");
    }

    @Test
    void anEndpointThatKeepsFailingIsAnError() {
        failuresLeft.set(10);
        assertThatThrownBy(() -> embedder(8, 1).embed("down")).isInstanceOf(RuntimeException.class);
        assertThat(requests).hasSize(2);
    }

    private OpenAiEmbedder embedder(int batchSize, int retries) {
        return new OpenAiEmbedder(new KnowledgeProperties.Embedding("openai",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/v1", null, "embed-stub", 4, batchSize,
                Duration.ofSeconds(5), retries));
    }
}
