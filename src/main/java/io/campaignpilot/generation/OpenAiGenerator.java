package io.campaignpilot.generation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Copy from any OpenAI-compatible chat-completions endpoint (OpenAI, Azure, vLLM, Ollama). The answer must pass
 * the {@link CopyCheck}; an invalid one gets exactly one repair attempt with the problems listed. Refusals, empty
 * answers, failed calls and a failed repair end in {@link GenerationFailed}, and the grounded generator takes over.
 */
public class OpenAiGenerator implements Generator {
    private final ChatModel model;
    private final PromptTemplates prompts;
    private final CopyCheck check;
    private final GenerationCache cache;
    private final ObjectMapper json;

    public OpenAiGenerator(ChatModel model, PromptTemplates prompts, CopyCheck check, GenerationCache cache, ObjectMapper json) {
        this.model = model;
        this.prompts = prompts;
        this.check = check;
        this.cache = cache;
        this.json = json;
    }

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public Generation generate(GenerationRequest r) {
        List<ChatModel.Message> messages = new ArrayList<>(List.of(
                new ChatModel.Message("system", prompts.system(r.channel(), r.locale())),
                new ChatModel.Message("user", prompts.user(r, r.locale(), r.variantNo(), r.variantsPerLocale()))));
        List<CallRecord> calls = new ArrayList<>();
        Answer first = ask(r, messages, "initial", calls);
        if (first.problems().isEmpty()) {
            return new Generation(variant(r, first.parsed()), calls);
        }
        messages.add(new ChatModel.Message("assistant", first.raw()));
        messages.add(new ChatModel.Message("user", prompts.repair(first.problems())));
        Answer repaired = ask(r, messages, "repair", calls);
        if (repaired.problems().isEmpty()) {
            return new Generation(variant(r, repaired.parsed()), calls);
        }
        throw new GenerationFailed("the answer was still unusable after one repair: " + String.join("; ", repaired.problems()), calls);
    }

    private record Answer(String raw, Map<String, Object> parsed, List<String> problems) {
    }

    /** One call (or cache hit), checked; throws when there is nothing a repair could fix. */
    private Answer ask(GenerationRequest r, List<ChatModel.Message> messages, String attempt, List<CallRecord> calls) {
        Map<String, Object> parameters = model.parameters(r.model(), r.channel());
        String prompt = render(messages);
        String key = GenerationCache.key(write(parameters) + "\n" + write(messages));
        long start = System.nanoTime();
        Optional<GenerationCache.Entry> cached = cache.find(key);
        ChatModel.Reply reply;
        if (cached.isPresent()) {
            reply = new ChatModel.Reply(cached.get().response(), null, "cached", cached.get().promptTokens(),
                    cached.get().completionTokens(), 0);
        } else {
            try {
                reply = model.complete(r.model(), r.channel(), messages);
            } catch (ChatModel.CallFailed e) {
                calls.add(record(r, attempt, parameters, prompt, null, null, null, start, e.retries(), false, "FAILED", e.getMessage()));
                throw new GenerationFailed(e.getMessage(), calls);
            }
        }
        boolean hit = cached.isPresent();
        if (reply.refusal() != null && !reply.refusal().isBlank()) {
            calls.add(record(r, attempt, parameters, prompt, reply, null, null, start, reply.retries(), hit, "REFUSED", reply.refusal()));
            throw new GenerationFailed("the model refused: " + ChatModel.abbreviate(reply.refusal()), calls);
        }
        if (reply.content() == null || reply.content().isBlank()) {
            String why = "the model returned no copy (finish reason " + reply.finishReason() + ")";
            calls.add(record(r, attempt, parameters, prompt, reply, null, null, start, reply.retries(), hit, "EMPTY", why));
            throw new GenerationFailed(why, calls);
        }
        Map<String, Object> parsed;
        try {
            parsed = json.readValue(reply.content(), new TypeReference<>() {
            });
        } catch (Exception e) {
            List<String> problems = List.of("the answer is not valid JSON (" + e.getClass().getSimpleName() + ")");
            calls.add(record(r, attempt, parameters, prompt, reply, null, problems, start, reply.retries(), hit, "INVALID", null));
            return new Answer(reply.content(), null, problems);
        }
        List<String> problems = check.violations(r.channel(), parsed, r);
        calls.add(record(r, attempt, parameters, prompt, reply, write(parsed), problems, start, reply.retries(), hit,
                problems.isEmpty() ? "ACCEPTED" : "INVALID", null));
        if (problems.isEmpty() && !hit) {
            cache.put(key, r.model(), reply.content(), reply.promptTokens(), reply.completionTokens());
        }
        return new Answer(reply.content(), parsed, problems);
    }

    private CallRecord record(GenerationRequest r, String attempt, Map<String, Object> parameters, String prompt,
                              ChatModel.Reply reply, String parsed, List<String> problems, long start, int retries,
                              boolean cacheHit, String outcome, String error) {
        String why = error != null ? error : problems == null || problems.isEmpty() ? null : String.join("; ", problems);
        return new CallRecord(name(), attempt, r.model(), prompts.version(), parameters, prompt,
                reply == null ? null : reply.content(), parsed, reply == null ? null : reply.promptTokens(),
                reply == null ? null : reply.completionTokens(), (System.nanoTime() - start) / 1_000_000, retries,
                cacheHit, null, outcome, why);
    }

    private ChannelVariant variant(GenerationRequest r, Map<String, Object> parsed) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : CopyCheck.FIELDS.get(r.channel())) {
            fields.put(field, ((String) parsed.get(field)).strip());
        }
        List<Integer> citations = new ArrayList<>();
        if (parsed.get("citations") instanceof List<?> list) {
            list.forEach(c -> {
                // a number that is not one of the sources cannot be cited
                if (c instanceof Number n && n.intValue() >= 1 && n.intValue() <= r.sources().size() && !citations.contains(n.intValue())) {
                    citations.add(n.intValue());
                }
            });
        }
        return new ChannelVariant(r.channel(), r.variantNo(), fields, citations, name(), r.model(), null)
                .withLocale(r.locale());
    }

    static String render(List<ChatModel.Message> messages) {
        StringBuilder s = new StringBuilder();
        for (ChatModel.Message m : messages) {
            s.append("### ").append(m.role()).append('\n').append(m.content()).append("\n\n");
        }
        return s.toString().strip();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
