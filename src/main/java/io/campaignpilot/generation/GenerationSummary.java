package io.campaignpilot.generation;

import java.math.BigDecimal;
import java.util.List;

/** What generating a campaign's copy took, summed over every round: model calls, tokens, cost, cache and fallbacks. */
public record GenerationSummary(int modelCalls, int cacheHits, int repairs, int failedCalls, long promptTokens,
                                long completionTokens, BigDecimal cost, long fallbackVariants) {

    public static GenerationSummary of(List<VariantStore.StoredCall> calls, long fallbackVariants) {
        int model = 0, hits = 0, repairs = 0, failed = 0;
        long prompt = 0, completion = 0;
        BigDecimal cost = BigDecimal.ZERO;
        for (VariantStore.StoredCall stored : calls) {
            CallRecord c = stored.call();
            if ("grounded".equals(c.generator())) {
                continue;
            }
            model++;
            hits += c.cacheHit() ? 1 : 0;
            repairs += "repair".equals(c.attempt()) ? 1 : 0;
            failed += "ACCEPTED".equals(c.outcome()) ? 0 : 1;
            if (!c.cacheHit()) {
                prompt += c.promptTokens() == null ? 0 : c.promptTokens();
                completion += c.completionTokens() == null ? 0 : c.completionTokens();
            }
            cost = c.cost() == null ? cost : cost.add(c.cost());
        }
        return new GenerationSummary(model, hits, repairs, failed, prompt, completion, cost, fallbackVariants);
    }
}
