package io.campaignpilot.generation;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.Timeout;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.platform.NetworkCall;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One chat-completions call through openai-java. Retries (rate limits, server errors, timeouts, broken connections)
 * are done here rather than inside the client so that the audit record can say how many there were.
 */
public class ChatModel {
    /** A message of the conversation: system, user or assistant. */
    public record Message(String role, String content) {
    }

    /** What came back, with the retries it took. A refusal or an empty answer is returned, not thrown. */
    public record Reply(String content, String refusal, String finishReason, Integer promptTokens,
                        Integer completionTokens, int retries) {
    }

    /** The call failed for good; {@code retries} were spent first. */
    public static class CallFailed extends RuntimeException {
        private final int retries;

        CallFailed(String message, int retries, Throwable cause) {
            super(message, cause);
            this.retries = retries;
        }

        public int retries() {
            return retries;
        }
    }

    /** The longest wait between two retries (a server's retry-after is capped here too). */
    static final Duration LONGEST_RETRY_WAIT = Duration.ofSeconds(10);

    private final OpenAIClient client;
    private final GenerationProperties.OpenAi config;
    private final GenerationMetrics metrics;

    public ChatModel(GenerationProperties.OpenAi config) {
        this(config, GenerationMetrics.none());
    }

    public ChatModel(GenerationProperties.OpenAi config, GenerationMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.client = OpenAIOkHttpClient.builder()
                .baseUrl(config.baseUrl())
                // local servers (Ollama, vLLM) accept any key
                .apiKey(config.apiKey() == null || config.apiKey().isBlank() ? "not-needed" : config.apiKey())
                .timeout(Timeout.builder().connect(config.connectTimeout()).read(config.readTimeout())
                        .request(config.timeout()).build())
                .maxRetries(0)
                .build();
    }

    /** The parameters that, with the messages, decide the answer: recorded, and part of the cache key. */
    public Map<String, Object> parameters(String model, Channel channel) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("model", model);
        p.put("temperature", config.temperature());
        p.put("maxCompletionTokens", config.maxTokens());
        p.put("responseFormat", jsonSchema() ? "json_schema:" + channel.key() + "_copy" : "json_object");
        p.put("baseUrl", config.baseUrl());
        return p;
    }

    public Reply complete(String model, Channel channel, List<Message> messages) {
        NetworkCall.outsideTransactions("a call to the model at " + config.baseUrl());
        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder()
                .model(model)
                .temperature(config.temperature())
                .maxCompletionTokens(config.maxTokens());
        if (jsonSchema()) {
            params.responseFormat(ResponseFormatJsonSchema.builder().jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                    .name(channel.key() + "_copy").strict(true).schema(schema(channel)).build()).build());
        } else {
            params.responseFormat(ResponseFormatJsonObject.builder().build());
        }
        for (Message m : messages) {
            switch (m.role()) {
                case "system" -> params.addSystemMessage(m.content());
                case "assistant" -> params.addAssistantMessage(m.content());
                default -> params.addUserMessage(m.content());
            }
        }
        ChatCompletionCreateParams request = params.build();
        long start = System.nanoTime();
        for (int attempt = 0; ; attempt++) {
            try {
                ChatCompletion completion = client.chat().completions().create(request);
                Reply reply = completion.choices().isEmpty()
                        ? new Reply("", null, "no choices", tokens(completion, true), tokens(completion, false), attempt)
                        : reply(completion, attempt);
                metrics.call(model, GenerationMetrics.CallOutcome.OK, since(start), attempt, reply.promptTokens(),
                        reply.completionTokens());
                return reply;
            } catch (OpenAIException e) {
                if (!retryable(e) || attempt >= config.maxRetries()) {
                    metrics.call(model, causedBy(e, InterruptedIOException.class) ? GenerationMetrics.CallOutcome.TIMEOUT
                            : GenerationMetrics.CallOutcome.FAILED, since(start), attempt, null, null);
                    throw new CallFailed(describe(e) + (attempt > 0 ? " (after " + attempt + " retries)" : ""), attempt, e);
                }
                sleep(backoff(e, attempt));
            }
        }
    }

    private static Reply reply(ChatCompletion completion, int retries) {
        var choice = completion.choices().getFirst();
        return new Reply(choice.message().content().orElse(""), choice.message().refusal().orElse(null),
                choice.finishReason().asString(), tokens(completion, true), tokens(completion, false), retries);
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private boolean jsonSchema() {
        return "json_schema".equalsIgnoreCase(config.structuredOutput());
    }

    /** The channel's JSON schema: its fields as strings, citations as integers, nothing else. */
    static ResponseFormatJsonSchema.JsonSchema.Schema schema(Channel channel) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String field : CopyCheck.FIELDS.get(channel)) {
            properties.put(field, Map.of("type", "string"));
        }
        properties.put("citations", Map.of("type", "array", "items", Map.of("type", "integer"),
                "description", "numbers of the sources used"));
        List<String> required = new java.util.ArrayList<>(CopyCheck.FIELDS.get(channel));
        required.add("citations");
        return ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty("properties", JsonValue.from(properties))
                .putAdditionalProperty("required", JsonValue.from(required))
                .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                .build();
    }

    private static Integer tokens(ChatCompletion completion, boolean prompt) {
        return completion.usage().map(u -> (int) (prompt ? u.promptTokens() : u.completionTokens())).orElse(null);
    }

    private static boolean retryable(OpenAIException e) {
        if (e instanceof RateLimitException || e instanceof InternalServerException || e instanceof OpenAIIoException) {
            return true;
        }
        if (e instanceof OpenAIServiceException s) {
            return s.statusCode() == 408 || s.statusCode() == 409;
        }
        // a read timeout while the body streams in surfaces as invalid data
        return e instanceof OpenAIInvalidDataException && causedBy(e, InterruptedIOException.class);
    }

    private static long backoff(OpenAIException e, int attempt) {
        if (e instanceof OpenAIServiceException s) {
            for (String name : List.of("retry-after-ms", "retry-after")) {
                List<String> values = s.headers().values(name);
                if (!values.isEmpty()) {
                    try {
                        double value = Double.parseDouble(values.getFirst().trim());
                        return Math.min(LONGEST_RETRY_WAIT.toMillis(), (long) (name.endsWith("ms") ? value : value * 1000));
                    } catch (NumberFormatException ignored) {
                        // an HTTP date: use the exponential backoff
                    }
                }
            }
        }
        long base = Math.min(8_000, 500L << attempt);
        return base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    }

    private static String describe(OpenAIException e) {
        if (e instanceof OpenAIServiceException s) {
            return "the model endpoint answered HTTP " + s.statusCode() + ": " + abbreviate(String.valueOf(s.body()));
        }
        if (causedBy(e, InterruptedIOException.class)) {
            return "the model endpoint did not answer in time (" + e.getClass().getSimpleName() + ")";
        }
        return "the model endpoint failed: " + e.getClass().getSimpleName() + ": " + abbreviate(e.getMessage());
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed("interrupted while waiting to retry", 0, e);
        }
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
