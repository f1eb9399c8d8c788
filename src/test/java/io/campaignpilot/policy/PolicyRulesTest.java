package io.campaignpilot.policy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The packaged DRL files in rules/, evaluated for real: each rule fires when it should and stays quiet otherwise. */
class PolicyRulesTest {
    private static final PolicyProperties DEFAULTS = new PolicyProperties(null, 0.25, 0.05, 25, 160, 60, 40, 15, 1000, 300);
    private final PolicyEngine engine = new PolicyEngine(DEFAULTS);

    @Test
    void smallCleanCampaignIsLowRisk() {
        PolicyResult result = engine.evaluate(campaign(10, 120, offer(49.0, 18.5, 10, 640, false), "email"));
        assertThat(result.findings()).isEmpty();
        assertThat(result.tier()).isEqualTo(RiskTier.LOW);
    }

    @Test
    void marginUnderTheFloorBlocks() {
        // £54 hose at cost £38 with 20% off: sale £43.20, margin 12%
        PolicyResult result = engine.evaluate(campaign(20, 120, offer(54.0, 38.0, 20, 700, false), "email"));
        assertThat(codes(result)).contains("MARGIN_BELOW_FLOOR");
        assertThat(result.tier()).isEqualTo(RiskTier.BLOCKED);
    }

    @Test
    void marginCloseToTheFloorNeedsMarketingReview() {
        // sale £40, cost £29: margin 27.5%, inside the 5-point buffer above 25%
        PolicyResult result = engine.evaluate(campaign(0, 120, offer(40.0, 29.0, 0, 700, false), "email"));
        assertThat(codes(result)).containsExactly("MARGIN_NEAR_FLOOR");
        assertThat(result.tier()).isEqualTo(RiskTier.MEDIUM);
    }

    @Test
    void lowStockBlocks() {
        PolicyResult result = engine.evaluate(campaign(0, 120, offer(99.0, 41.0, 0, 12, false), "email"));
        assertThat(codes(result)).contains("LOW_STOCK");
        assertThat(result.tier()).isEqualTo(RiskTier.BLOCKED);
    }

    @Test
    void regulatedCategoryGoesToLegal() {
        PolicyResult result = engine.evaluate(campaign(10, 120, offer(12.0, 3.1, 10, 5400, true), "email"));
        assertThat(result.findings()).extracting(Finding::severity).contains(Severity.REVIEW_LEGAL);
        assertThat(result.tier()).isEqualTo(RiskTier.HIGH);
    }

    @Test
    void deepDiscountOrLargeReachIsHighRisk() {
        assertThat(engine.evaluate(campaign(40, 120, offer(100.0, 20.0, 40, 900, false), "email")).tier())
                .isEqualTo(RiskTier.HIGH);
        assertThat(engine.evaluate(campaign(10, 1500, offer(100.0, 20.0, 10, 900, false), "email")).tier())
                .isEqualTo(RiskTier.HIGH);
        assertThat(engine.evaluate(campaign(10, 500, offer(100.0, 20.0, 10, 900, false), "email")).tier())
                .isEqualTo(RiskTier.MEDIUM);
    }

    @Test
    void smsOverOneSegmentOrWithoutOptOutBlocks() {
        List<Object> facts = campaign(10, 120, offer(49.0, 18.5, 10, 640, false), "sms");
        facts.add(new VariantFact("sms", 1, "x".repeat(170) + " Reply STOP to opt out", 192, 0, "grounded"));
        facts.add(new VariantFact("sms", 2, "Half price skillets today", 25, 0, "grounded"));
        PolicyResult result = engine.evaluate(facts);
        assertThat(codes(result)).contains("SMS_TOO_LONG", "SMS_NO_OPT_OUT");
        assertThat(result.tier()).isEqualTo(RiskTier.BLOCKED);
    }

    @Test
    void channelWithoutConsentIsDroppedAndNoReachableAudienceBlocks() {
        List<Object> facts = campaign(10, 120, offer(49.0, 18.5, 10, 640, false), "email");
        facts.add(new AudienceFact("push", 0));
        assertThat(codes(engine.evaluate(facts))).containsExactly("NO_CONSENTED_AUDIENCE");

        List<Object> nobody = new ArrayList<>(List.of(new CampaignFact("c", "north", "home", 10, 0, false),
                offer(49.0, 18.5, 10, 640, false), new AudienceFact("email", 0)));
        assertThat(engine.evaluate(nobody).tier()).isEqualTo(RiskTier.BLOCKED);
    }

    @Test
    void fallbackCopyInARegulatedCategoryIsAtLeastMedium() {
        List<Object> facts = campaign(10, 120, offer(12.0, 3.1, 10, 5400, true), "email");
        facts.add(new VariantFact("email", 1, "copy", 0, 20, "fallback"));
        assertThat(engine.evaluate(facts).tier()).isIn(RiskTier.MEDIUM, RiskTier.HIGH);
    }

    @Test
    void aBrokenRuleFileIsReportedWithFileAndLine() {
        assertThatThrownBy(() -> PolicyEngine.build(Map.of("broken.drl", """
                package io.campaignpilot.rules
                import io.campaignpilot.policy.OfferFact;

                rule "Broken"
                when
                    OfferFact( stock < )
                then
                end
                """)))
                .isInstanceOf(RuleSetException.class)
                .satisfies(e -> assertThat(((RuleSetException) e).errors()).anyMatch(m -> m.startsWith("broken.drl:6")));
    }

    @Test
    void everyDecisionNamesItsRulesVersion() {
        assertThat(engine.version()).hasSize(12);
        assertThat(PolicyEngine.build(engine.load()).version()).isEqualTo(engine.version());
    }

    private static List<Object> campaign(int discount, int reach, OfferFact offer, String channel) {
        List<Object> facts = new ArrayList<>();
        facts.add(new CampaignFact("c-1", "north", offer.category(), discount, reach, offer.regulated()));
        facts.add(offer);
        facts.add(new AudienceFact(channel, Math.max(reach - 10, 1)));
        return facts;
    }

    private static OfferFact offer(double price, double cost, int discount, int stock, boolean regulated) {
        double sale = price * (100 - discount) / 100.0;
        return new OfferFact("SKU-1", "Product", regulated ? "supplements" : "home", regulated, price, sale, discount,
                (sale - cost) / sale, stock);
    }

    private static List<String> codes(PolicyResult result) {
        return result.findings().stream().map(Finding::code).toList();
    }
}
