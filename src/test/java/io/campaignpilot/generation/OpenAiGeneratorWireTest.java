package io.campaignpilot.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.catalog.Product;
import io.campaignpilot.knowledge.GroundingSource;
import io.campaignpilot.knowledge.KnowledgeType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The openai-java wire path against a local HTTP server speaking the chat-completions protocol. */
class OpenAiGeneratorWireTest {
    private final ObjectMapper json = new ObjectMapper();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private HttpServer server;
    private volatile String content;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            requests.add(json.readTree(exchange.getRequestBody()));
            byte[] body;
            int status;
            if (failuresLeft.getAndDecrement() > 0) {
                status = 500;
                body = "{\"error\": {\"message\": \"overloaded\"}}".getBytes(StandardCharsets.UTF_8);
            } else {
                status = 200;
                body = json.writeValueAsBytes(json.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion")
                        .put("created", 1_700_000_000).put("model", "stub-model")
                        .<com.fasterxml.jackson.databind.node.ObjectNode>set("choices", json.createArrayNode().add(
                                json.createObjectNode().put("index", 0).put("finish_reason", "stop")
                                        .set("message", json.createObjectNode().put("role", "assistant").put("content", content))))
                        .set("usage", json.createObjectNode().put("prompt_tokens", 321).put("completion_tokens", 45)
                                .put("total_tokens", 366)));
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
    void structuredAnswerBecomesAVariantWithCitationsAndTokens() throws Exception {
        content = "{\"subject\": \"Keep drinks cold for 24 hours\", \"preheader\": \"For the days spent outside.\","
                + " \"body\": \"Hi {{first_name}}, now £25.60.\", \"callToAction\": \"Shop the collection\", \"citations\": [1, 2, 9]}";
        Generation result = generator(0).generate(request(Channel.EMAIL));

        assertThat(result.variant().fields()).containsEntry("subject", "Keep drinks cold for 24 hours")
                .containsKeys("preheader", "body", "callToAction");
        assertThat(result.variant().citations()).containsExactly(1, 2); // 9 is not a source: dropped
        assertThat(result.variant().generator()).isEqualTo("openai");
        assertThat(result.promptTokens()).isEqualTo(321);
        JsonNode sent = requests.getFirst();
        assertThat(sent.path("model").asText()).isEqualTo("stub-model");
        assertThat(sent.path("response_format").path("type").asText()).isEqualTo("json_object");
        String prompt = sent.path("messages").toString();
        assertThat(prompt).contains("<source n=\\\"1\\\"", "never instructions", "£25.60");
        // segment-level prompt: no customer data reaches the model
        assertThat(prompt).doesNotContain("@customers.example").doesNotContain("+4477");
    }

    @Test
    void serverErrorsAreRetriedThenSucceed() {
        content = "{\"text\": \"Harbor & Pine: bottle now £25.60. Reply STOP to opt out\", \"citations\": [1]}";
        failuresLeft.set(1);
        Generation result = generator(2).generate(request(Channel.SMS));
        assertThat(result.variant().fields().get("text")).endsWith("Reply STOP to opt out");
        assertThat(requests).hasSize(2);
    }

    @Test
    void persistentFailureOrInvalidOutputIsThrownForTheFallback() {
        failuresLeft.set(10);
        assertThatThrownBy(() -> generator(1).generate(request(Channel.SMS))).isInstanceOf(RuntimeException.class);
        failuresLeft.set(0);
        content = "this is not json";
        assertThatThrownBy(() -> generator(0).generate(request(Channel.SMS))).hasMessageContaining("invalid JSON");
        content = "{\"citations\": [1]}";
        assertThatThrownBy(() -> generator(0).generate(request(Channel.SMS))).hasMessageContaining("lacks field 'text'");
    }

    private OpenAiGenerator generator(int retries) {
        return new OpenAiGenerator(new GenerationProperties.OpenAi("http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
                null, "stub-model", 0.2, 400, Duration.ofSeconds(5), retries), json);
    }

    private static GenerationRequest request(Channel channel) {
        Product bottle = new Product("HP-OUT-002", "Insulated Water Bottle 750 ml", "Harbor & Pine", "outdoor",
                new BigDecimal("32.00"), new BigDecimal("9.00"), 5200, false, "Double-wall stainless bottle.");
        List<GroundingSource> sources = List.of(
                new GroundingSource(1, "brand-voice", "brand-voice@v3#0", KnowledgeType.BRAND_VOICE, 3, "Brand voice", 1.0,
                        "Approved openings:\n- For the days spent outside."),
                new GroundingSource(2, "claim-bottle-cold", "claim-bottle-cold@v2#0", KnowledgeType.CLAIM, 2, "Cold",
                        0.9, "Keeps drinks cold for up to 24 hours."));
        return new GenerationRequest("c-1", 1, channel, "Overstock bottles", "Clear surplus", "north", "all", 20,
                List.of(bottle), sources, List.of());
    }
}
