package io.campaignpilot.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A local server speaking the OpenAI chat-completions protocol. Scripted failures are served first, then whatever
 * {@code faults} says; otherwise every request is answered by {@code answer} (the request in, the assistant's content
 * out) after {@code delayMillis}.
 */
public final class StubChatServer implements AutoCloseable {
    /** A scripted HTTP answer. */
    public record Scripted(int status, String body, long delayMillis, String retryAfter) {
        public static Scripted status(int status) {
            return new Scripted(status, "{\"error\": {\"message\": \"scripted " + status + "\"}}", 0, null);
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    public final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    public final Queue<Scripted> script = new ConcurrentLinkedQueue<>();
    public volatile Function<JsonNode, String> answer = request -> "{}";
    /** Asked when no scripted answer is queued: a failure to serve instead of the answer, or null (the load run's faults). */
    public volatile Function<JsonNode, Scripted> faults = request -> null;
    /** False keeps no request (a long run's memory); {@link #requests} then stays empty. */
    public volatile boolean keepRequests = true;
    public volatile long delayMillis;
    public volatile String refusal;
    /** Prompt tokens reported for every call; 0 reports a quarter of the messages' length, as a tokenizer roughly would. */
    public volatile int promptTokens;

    public StubChatServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", exchange -> {
            JsonNode request = json.readTree(exchange.getRequestBody());
            if (keepRequests) {
                requests.add(request);
            }
            Scripted next = script.poll();
            if (next == null) {
                next = faults.apply(request);
            }
            int status = 200;
            byte[] body;
            long delay = delayMillis;
            if (next != null) {
                status = next.status();
                body = next.body().getBytes(StandardCharsets.UTF_8);
                delay = next.delayMillis();
                if (next.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", next.retryAfter());
                }
            } else {
                ObjectNode message = json.createObjectNode().put("role", "assistant");
                if (refusal != null) {
                    message.putNull("content").put("refusal", refusal);
                } else {
                    message.put("content", answer.apply(request));
                }
                ObjectNode response = json.createObjectNode().put("id", "chatcmpl-stub").put("object", "chat.completion")
                        .put("created", 1_700_000_000).put("model", request.path("model").asText());
                response.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop").set("message", message);
                int promptTokens = this.promptTokens > 0 ? this.promptTokens : request.path("messages").toString().length() / 4;
                response.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", 60)
                        .put("total_tokens", promptTokens + 60);
                body = json.writeValueAsBytes(response);
            }
            if (delay > 0) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            try {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
            } catch (IOException clientGaveUp) {
                // the client timed out first
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Everything the model was shown in a request: all messages, as one string. */
    public static String prompt(JsonNode request) {
        StringBuilder s = new StringBuilder();
        request.path("messages").forEach(m -> s.append(m.path("content").asText()).append('\n'));
        return s.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
