package io.campaignpilot.generation;

import java.math.BigDecimal;
import java.util.Map;

/**
 * One model call as the audit keeps it: the whole prompt, the model and parameters, the raw and the parsed answer,
 * tokens, latency, retries, whether the cache answered, and what went wrong.
 *
 * @param attempt "initial" or "repair"
 * @param outcome ACCEPTED, INVALID, REFUSED, EMPTY, FAILED, or GROUNDED for the deterministic generator
 */
public record CallRecord(String generator, String attempt, String model, String promptVersion, Map<String, Object> parameters,
                         String prompt, String response, String parsedOutput, Integer promptTokens, Integer completionTokens,
                         long latencyMs, int retries, boolean cacheHit, BigDecimal cost, String outcome, String error) {

    public CallRecord withCost(BigDecimal value) {
        return new CallRecord(generator, attempt, model, promptVersion, parameters, prompt, response, parsedOutput,
                promptTokens, completionTokens, latencyMs, retries, cacheHit, value, outcome, error);
    }

    /** Tokens that were paid for: a cache hit costs nothing. */
    public int billedTokens() {
        return cacheHit ? 0 : (promptTokens == null ? 0 : promptTokens) + (completionTokens == null ? 0 : completionTokens);
    }
}
