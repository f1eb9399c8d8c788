package io.campaignpilot.policy;

import io.campaignpilot.campaign.Channel;
import io.campaignpilot.dev.Figures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prints how fast the packaged rules judge a campaign-sized fact set (five channels with two A/B variants each, an
 * approved claims library, a disclosure, the audience per channel) and how long a reload takes. Numbers only: the
 * machines are shared, so nothing here is a timed assertion.
 */
class PolicyBenchmarkTest {

    @Test
    void rulesEvaluationsPerSecondAndReloadTime() {
        PolicyEngine engine = new PolicyEngine(PolicyRulesTest.DEFAULTS);
        List<Object> facts = campaignSizedFacts();

        for (int i = 0; i < 2_000; i++) { // warm-up: JIT and Drools' lazy network compilation
            engine.evaluate(facts);
        }
        int evaluations = 10_000;
        long started = System.nanoTime();
        RiskTier tier = null;
        for (int i = 0; i < evaluations; i++) {
            tier = engine.evaluate(facts).tier();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(tier).isEqualTo(RiskTier.HIGH);

        long[] reloads = new long[10];
        for (int i = 0; i < reloads.length; i++) {
            long t = System.nanoTime();
            engine.reload();
            reloads[i] = (System.nanoTime() - t) / 1_000_000;
        }
        Arrays.sort(reloads);
        Figures.report("policy-benchmark", String.format(Locale.ROOT, """
                POLICY BENCHMARK (packaged rules, one thread, %d cores)
                  campaign-sized fact set: %d facts (5 channels x 2 variants, %d sentences, claims library, audience)
                  evaluations: %d in %.2f s = %,.0f evaluations/s (%.3f ms each)
                  reload (read, compile, swap) over %d runs: median %d ms, max %d ms""",
                Runtime.getRuntime().availableProcessors(), facts.size(),
                facts.stream().filter(f -> f instanceof CopySentence).count(), evaluations, seconds, evaluations / seconds,
                seconds * 1000 / evaluations, reloads.length, reloads[reloads.length / 2], reloads[reloads.length - 1]));
    }

    private static List<Object> campaignSizedFacts() {
        PolicyRulesTest.Scenario s = new PolicyRulesTest.Scenario().supplement().channel("sms", 380, 12).channel("push", 290, 0)
                .channel("web", 510, 0).channel("social", 260, 0)
                .copy("Hi {{first_name}},\n\nGood things for everyday living. Vitamin D3 now £10.80 (10% off £12.00).\n\n"
                        + "Vitamin D contributes to the normal function of the immune system.\n\n"
                        + "Food supplements should not replace a varied diet.\n\nShop the collection.\n\nThe Harbor & Pine team");
        String sms = "Vitamin D3 now £10.80. Food supplements should not replace a varied diet. Reply STOP to opt out";
        for (int variant = 1; variant <= 2; variant++) {
            s.variants.add(new io.campaignpilot.generation.ChannelVariant(Channel.SMS, variant, java.util.Map.of("text", sms),
                    List.of(1), "openai", null, null));
            s.variants.add(new io.campaignpilot.generation.ChannelVariant(Channel.PUSH, variant, java.util.Map.of("title",
                    "Vitamin D3 10% off", "body", "Now £10.80. Food supplements should not replace a varied diet."),
                    List.of(1), "openai", null, null));
            s.variants.add(new io.campaignpilot.generation.ChannelVariant(Channel.WEB, variant, java.util.Map.of("headline",
                    "Small details, chosen with care.", "body", "Vitamin D3, now £10.80. Food supplements should not replace a varied diet.",
                    "callToAction", "See the details"), List.of(1), "openai", null, null));
            s.variants.add(new io.campaignpilot.generation.ChannelVariant(Channel.SOCIAL, variant, java.util.Map.of("primaryText",
                    "Vitamin D3, now £10.80. Food supplements should not replace a varied diet.", "headline", "Vitamin D3"),
                    List.of(1), "openai", null, null));
        }
        List<Object> facts = new ArrayList<>(s.facts());
        facts.add(new ApprovedClaim("claim-vitamin-d-immune", 1, "Vitamin D contributes to the normal function of the immune system.",
                List.of("supplements")));
        for (int i = 0; i < 20; i++) {
            facts.add(new ApprovedClaim("claim-" + i, 1, "An approved claim number " + i + " about something else.",
                    List.of(i % 2 == 0 ? "kitchen" : "outdoor")));
        }
        return facts;
    }
}
