package io.campaignpilot.policy;

import io.campaignpilot.audience.FrequencyCap;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.catalog.Product;
import io.campaignpilot.generation.ChannelVariant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The packaged DRL files in rules/, evaluated for real on campaign-shaped fact sets: each rule fires when it should
 * and stays quiet otherwise, the tier table holds, and broken or changed rule files behave as process owners expect.
 */
class PolicyRulesTest {
    static final PolicyProperties DEFAULTS = properties(null, Map.of());
    static final FrequencyCap FREQUENCY = new FrequencyCap(3, Duration.ofDays(7));
    private final PolicyEngine engine = new PolicyEngine(DEFAULTS);

    // ---- a clean, small campaign: the baseline every case changes one thing of -------------------------------------

    @Test
    void aSmallCleanCampaignIsLowRiskWithoutFindings() {
        PolicyResult result = engine.evaluate(new Scenario().facts());
        assertThat(result.findings()).isEmpty();
        assertThat(result.tier()).isEqualTo(RiskTier.LOW);
        assertThat(result.dropped()).isEmpty();
    }

    // ---- consent and frequency --------------------------------------------------------------------------------------

    @Test
    void aChannelNobodyConsentsToIsDroppedWithAFindingAndTheRestGoesOn() {
        Scenario s = new Scenario().channel("sms", 0, 0).variant(Channel.SMS, "Cast Iron Skillet now £44.10. Reply STOP to opt out");
        PolicyResult result = engine.evaluate(s.facts());
        assertThat(result.dropped()).containsExactly("sms");
        assertThat(finding(result, "NO_CONSENTED_AUDIENCE").severity()).isEqualTo(Severity.INFO);
        assertThat(result.tier()).isEqualTo(RiskTier.LOW);
    }

    @Test
    void aCampaignNobodyCanBeContactedOnIsBlocked() {
        Scenario s = new Scenario();
        s.audience.clear();
        s.channel("email", 0, 0);
        assertThat(codes(engine.evaluate(s.facts()))).contains("NO_REACHABLE_AUDIENCE");
        assertThat(engine.evaluate(s.facts()).tier()).isEqualTo(RiskTier.BLOCKED);
    }

    @Test
    void customersOverTheFrequencyCapAreHeldBackAndAChannelOfOnlyThemIsDropped() {
        PolicyResult some = engine.evaluate(new Scenario().channel("email", 120, 30).facts());
        assertThat(finding(some, "FREQUENCY_CAPPED").message()).contains("30 customers already contacted 3 times in the last 7 days");
        assertThat(some.dropped()).isEmpty();

        Scenario all = new Scenario().channel("sms", 40, 40).variant(Channel.SMS, "Cast Iron Skillet now £44.10. Reply STOP to opt out");
        PolicyResult result = engine.evaluate(all.facts());
        assertThat(result.dropped()).containsExactly("sms");
        assertThat(codes(result)).contains("CHANNEL_FREQUENCY_CAPPED").doesNotContain("FREQUENCY_CAPPED");
    }

    // ---- margin ------------------------------------------------------------------------------------------------------

    @Test
    void marginUnderTheFloorBlocksAndCloseToItNeedsMarketingReview() {
        // £54 hose at cost £38 with 20% off: sale £43.20, margin 12%
        PolicyResult under = engine.evaluate(new Scenario().product("54.00", "38.00").discount(20).copyFor("43.20").facts());
        assertThat(finding(under, "MARGIN_BELOW_FLOOR").message()).contains("12%", "under the kitchen floor of 25%");
        assertThat(under.tier()).isEqualTo(RiskTier.BLOCKED);

        // £49 at cost £33.50, 10% off: sale £44.10, margin 24%... at cost £32: 27.4%, within 5 points of 25%
        PolicyResult near = engine.evaluate(new Scenario().product("49.00", "32.00").facts());
        assertThat(finding(near, "MARGIN_NEAR_FLOOR").severity()).isEqualTo(Severity.REVIEW_MARKETING);
        assertThat(near.tier()).isEqualTo(RiskTier.MEDIUM);
    }

    @Test
    void aCategoryOverrideOfTheFloorChangesTheOutcome() {
        PolicyProperties lowerKitchenFloor = properties(null, Map.of("kitchen", new PolicyProperties.Category(0.10, 0.02, null, null)));
        assertThat(lowerKitchenFloor.thresholdsFor("kitchen").lowStock()).as("unset fields keep the default").isEqualTo(25);
        Scenario s = new Scenario().product("54.00", "38.00").discount(20).copyFor("43.20");
        s.policy = lowerKitchenFloor;
        PolicyResult result = new PolicyEngine(lowerKitchenFloor).evaluate(s.facts());
        assertThat(codes(result)).doesNotContain("MARGIN_BELOW_FLOOR", "MARGIN_NEAR_FLOOR");
    }

    // ---- inventory ---------------------------------------------------------------------------------------------------

    @Test
    void lowRegionalStockBlocksButTheSameStockElsewhereDoesNotMatter() {
        assertThat(finding(engine.evaluate(new Scenario().stockInRegion(12).facts()), "LOW_STOCK").message())
                .contains("Only 12 units of HP-KIT-001 in the north region, under the kitchen threshold of 25");
        assertThat(codes(engine.evaluate(new Scenario().stockInRegion(25).facts()))).doesNotContain("LOW_STOCK");
    }

    @Test
    void expectedRedemptionsAboveStockBlock() {
        // 2,000 reached x 3% = 60 expected buyers against 50 units
        PolicyResult result = engine.evaluate(new Scenario().reach(2000).stockInRegion(50).facts());
        assertThat(finding(result, "STOCK_SHORT_OF_DEMAND").message()).contains("About 60 of the 2000 customers");
        assertThat(codes(engine.evaluate(new Scenario().reach(1000).stockInRegion(50).facts())))
                .doesNotContain("STOCK_SHORT_OF_DEMAND");
    }

    @Test
    void aConstrainedProductIsNeverPromoted() {
        assertThat(codes(engine.evaluate(new Scenario().constrained().facts()))).contains("CONSTRAINED_PRODUCT");
    }

    // ---- truth in copy -----------------------------------------------------------------------------------------------

    @Test
    void everyAmountInTheCopyMustBeTheCatalogsOrAnApprovedSources() {
        PolicyResult wrong = engine.evaluate(new Scenario().copy("Cast Iron Skillet, now £39.00 (10% off £49.00).").facts());
        assertThat(finding(wrong, "PRICE_NOT_IN_CATALOG").message()).contains("email #1 states £39.00");
        // regular price, sale price and the saving are all fine, and so is a threshold stated in an approved source
        Scenario fine = new Scenario().copy("Cast Iron Skillet, now £44.10 (10% off £49.00): save £4.90. Free delivery over £50.");
        fine.facts.add(new ApprovedAmount(5000, "policy-delivery-offers"));
        assertThat(codes(engine.evaluate(fine.facts()))).doesNotContain("PRICE_NOT_IN_CATALOG");
    }

    @Test
    void aDiscountOtherThanTheOffersBlocks() {
        PolicyResult result = engine.evaluate(new Scenario().copy("Cast Iron Skillet: 90% off everything.").facts());
        assertThat(finding(result, "DISCOUNT_MISMATCH").message()).contains("\"90% off\" but the offer is 10% off");
        assertThat(result.tier()).isEqualTo(RiskTier.BLOCKED);
    }

    @Test
    void aProductClaimMustBeAnApprovedClaimWordForWord() {
        PolicyResult invented = engine.evaluate(new Scenario().copy("Cast Iron Skillet, now £44.10. Guaranteed for a lifetime.").facts());
        assertThat(finding(invented, "UNAPPROVED_CLAIM").message()).contains("performance claim", "Guaranteed for a lifetime.");

        Scenario approved = new Scenario().copy("Cast Iron Skillet, now £44.10. Oven safe up to 260 °C and works on every hob, including induction.");
        approved.facts.add(new ApprovedClaim("claim-cast-iron-oven", 1,
                "Oven safe up to 260 °C and works on every hob, including induction.", List.of("kitchen")));
        assertThat(codes(engine.evaluate(approved.facts()))).doesNotContain("UNAPPROVED_CLAIM");

        // the catalog description is an approved statement too, and a product's own name is not a claim
        Scenario catalog = new Scenario().name("Skillet Oven-Safe Edition")
                .copy("The Skillet Oven-Safe Edition is now £44.10. Pre-seasoned cast iron skillet, oven safe to 260 °C, works on induction.");
        assertThat(codes(engine.evaluate(catalog.facts()))).doesNotContain("UNAPPROVED_CLAIM");
    }

    @Test
    void eachSentenceOfAnApprovedClaimMayStandOnItsOwnButNothingElse() {
        // the claims library's hand cream claim is two sentences; copy puts them apart, with a sentence between
        List<ApprovedClaim> handCream = ApprovedClaim.sentencesOf("claim-hand-cream-natural", 1,
                "98% of ingredients are of natural origin. Dermatologically tested on sensitive skin.", List.of("kitchen"));
        Scenario apart = new Scenario().copy("Cast Iron Skillet, now £44.10. 98% of ingredients are of natural origin. "
                + "Treat your hands. Dermatologically tested on sensitive skin.");
        apart.facts.addAll(handCream);
        assertThat(codes(engine.evaluate(apart.facts()))).doesNotContain("UNAPPROVED_CLAIM");

        Scenario stretched = new Scenario().copy("Cast Iron Skillet, now £44.10. Dermatologically tested on every skin type.");
        stretched.facts.addAll(handCream);
        assertThat(codes(engine.evaluate(stretched.facts()))).contains("UNAPPROVED_CLAIM");
    }

    @Test
    void anApprovedClaimForAnotherCategoryDoesNotCount() {
        Scenario s = new Scenario().copy("Cast Iron Skillet, now £44.10. Made from GOTS-certified organic cotton.");
        s.facts.add(new ApprovedClaim("claim-organic-cotton", 1, "Made from GOTS-certified organic cotton.", List.of("apparel")));
        assertThat(codes(engine.evaluate(s.facts()))).contains("UNAPPROVED_CLAIM");
    }

    // the claims library's tent claim, as claims.json has it: about the tent only, in words no vocabulary term matches
    static final ApprovedClaim TENT_WATERPROOF = new ApprovedClaim("claim-tent-waterproof", 1,
            "Flysheet rated to a 3000 mm hydrostatic head; sleeps two.", List.of("outdoor"), List.of("HP-OUT-003"));

    @Test
    void anotherProductsClaimBlocksEvenInWordsNoVocabularyTermMatches() {
        Scenario blanket = new Scenario().blanket()
                .copy("Picnic Blanket Waterproof, now £44.10. Flysheet rated to a 3000 mm hydrostatic head; sleeps two.");
        blanket.facts.add(TENT_WATERPROOF);
        PolicyResult result = engine.evaluate(blanket.facts());
        Finding finding = finding(result, "CLAIM_FOR_ANOTHER_PRODUCT");
        assertThat(finding.severity()).isEqualTo(Severity.BLOCK);
        assertThat(finding.message()).contains("claim-tent-waterproof v1", "HP-OUT-003",
                "Flysheet rated to a 3000 mm hydrostatic head; sleeps two.");
        assertThat(result.tier()).isEqualTo(RiskTier.BLOCKED);
    }

    @Test
    void aProductsOwnClaimIsAllowedForIt() {
        Scenario tent = new Scenario().tent()
                .copy("Two-Person Tent, now £206.10. Flysheet rated to a 3000 mm hydrostatic head; sleeps two.");
        tent.facts.add(TENT_WATERPROOF);
        PolicyResult result = engine.evaluate(tent.facts());
        assertThat(codes(result)).doesNotContain("CLAIM_FOR_ANOTHER_PRODUCT", "UNAPPROVED_CLAIM");
        assertThat(result.tier()).isEqualTo(RiskTier.LOW);
    }

    @Test
    void aClaimInTheVocabularyCountsOnlyForTheProductsItNames() {
        ApprovedClaim bottle = new ApprovedClaim("claim-bottle-cold", 2, "Keeps drinks cold for up to 24 hours.",
                List.of("outdoor"), List.of("HP-OUT-002"));
        Scenario blanket = new Scenario().blanket().copy("Picnic Blanket Waterproof, now £44.10. Keeps drinks cold for up to 24 hours.");
        blanket.facts.add(bottle);
        assertThat(codes(engine.evaluate(blanket.facts()))).contains("UNAPPROVED_CLAIM", "CLAIM_FOR_ANOTHER_PRODUCT");

        // the same words as a claim for the whole category are fine for any product in it
        Scenario categoryWide = new Scenario().blanket().copy("Picnic Blanket Waterproof, now £44.10. Keeps drinks cold for up to 24 hours.");
        categoryWide.facts.add(new ApprovedClaim("claim-outdoor-cold", 1, "Keeps drinks cold for up to 24 hours.", List.of("outdoor")));
        assertThat(codes(engine.evaluate(categoryWide.facts()))).doesNotContain("UNAPPROVED_CLAIM", "CLAIM_FOR_ANOTHER_PRODUCT");
    }

    @Test
    void cheapestIsForbiddenAndOtherPriceClaimsGoToLegal() {
        assertThat(codes(engine.evaluate(new Scenario().copy("The cheapest skillet in town, now £44.10.").facts())))
                .contains("FORBIDDEN_PRICE_CLAIM").doesNotContain("PRICE_CLAIM");
        PolicyResult best = engine.evaluate(new Scenario().copy("Our best price yet: Cast Iron Skillet now £44.10.").facts());
        assertThat(finding(best, "PRICE_CLAIM").severity()).isEqualTo(Severity.REVIEW_LEGAL);
        assertThat(best.tier()).isEqualTo(RiskTier.HIGH);
    }

    @Test
    void anApprovedHealthClaimMakesTheCampaignHighRiskAndAnInventedOneBlocks() {
        Scenario approved = new Scenario().supplement()
                .copy("Vitamin D3 now £10.80. Vitamin D contributes to the normal function of the immune system. "
                        + "Food supplements should not replace a varied diet.");
        approved.facts.add(new ApprovedClaim("claim-vitamin-d-immune", 1,
                "Vitamin D contributes to the normal function of the immune system.", List.of("supplements")));
        PolicyResult result = engine.evaluate(approved.facts());
        assertThat(finding(result, "HEALTH_CLAIM").message()).contains("claim-vitamin-d-immune v1");
        assertThat(codes(result)).doesNotContain("UNAPPROVED_CLAIM");
        assertThat(result.tier()).isEqualTo(RiskTier.HIGH);

        PolicyResult invented = engine.evaluate(new Scenario().supplement()
                .copy("Vitamin D3 now £10.80. Boosts your immunity all winter.").facts());
        assertThat(finding(invented, "UNAPPROVED_CLAIM").message()).contains("health claim");
    }

    // ---- disclosures and channel limits ------------------------------------------------------------------------------

    @Test
    void aRequiredDisclosureMustBeCarriedByEveryVariant() {
        Scenario missing = new Scenario().disclosure("kitchen", "Hot surfaces: use oven gloves.");
        assertThat(finding(engine.evaluate(missing.facts()), "DISCLOSURE_MISSING").message())
                .contains("email #1 must carry the kitchen disclosure \"Hot surfaces: use oven gloves.\" (policy-test v1)");
        Scenario carried = new Scenario().disclosure("kitchen", "Hot surfaces: use oven gloves.")
                .copy("Cast Iron Skillet, now £44.10. Hot surfaces:  use oven gloves.");
        assertThat(codes(engine.evaluate(carried.facts()))).doesNotContain("DISCLOSURE_MISSING");
    }

    @Test
    void anSmsThatCannotFitTheDisclosureIsDroppedNotBlocked() {
        String longLine = "This is a very long legal line that a regulator requires on every single message about this category, "
                + "and it does not fit.";
        Scenario s = new Scenario().channel("sms", 100, 0).variant(Channel.SMS, "Cast Iron Skillet now £44.10. Reply STOP to opt out")
                .disclosure("kitchen", longLine).copy("Cast Iron Skillet, now £44.10. " + longLine);
        PolicyResult result = engine.evaluate(s.facts());
        assertThat(result.dropped()).containsExactly("sms");
        assertThat(codes(result)).contains("DISCLOSURE_DOES_NOT_FIT").doesNotContain("DISCLOSURE_MISSING");
    }

    @Test
    void anSmsWithoutOptOutOrOverItsSegmentBlocks() {
        Scenario noOptOut = new Scenario().channel("sms", 100, 0).variant(Channel.SMS, "Cast Iron Skillet now £44.10.");
        assertThat(codes(engine.evaluate(noOptOut.facts()))).contains("SMS_NO_OPT_OUT");
        Scenario tooLong = new Scenario().channel("sms", 100, 0)
                .variant(Channel.SMS, "Cast Iron Skillet now £44.10. " + "x".repeat(140) + " Reply STOP to opt out");
        assertThat(finding(engine.evaluate(tooLong.facts()), "SMS_TOO_LONG").message()).contains("needs 2 segments, over the limit of 1");
        Scenario fine = new Scenario().channel("sms", 100, 0).variant(Channel.SMS, "Cast Iron Skillet now £44.10. Reply STOP to opt out");
        assertThat(codes(engine.evaluate(fine.facts()))).doesNotContain("SMS_NO_OPT_OUT", "SMS_TOO_LONG");
    }

    @Test
    void aFieldOverItsChannelLimitBlocks() {
        Scenario s = new Scenario();
        s.emailSubject = "A subject line that goes on and on well past the sixty characters allowed";
        assertThat(finding(engine.evaluate(s.facts()), "FIELD_TOO_LONG").message()).contains("email #1 subject is 73 characters, over the limit of 60");
    }

    @Test
    void aRegulatedCategoryGoesToLegal() {
        Scenario s = new Scenario().supplement().copy("Vitamin D3 now £10.80. Food supplements should not replace a varied diet.");
        PolicyResult result = engine.evaluate(s.facts());
        assertThat(finding(result, "REGULATED_CATEGORY").severity()).isEqualTo(Severity.REVIEW_LEGAL);
        assertThat(result.tier()).isEqualTo(RiskTier.HIGH);
    }

    // ---- the tier table ----------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "discount {0}%, reach {1}, regulated {2}, fallback copy {3}, sensitive {4} -> {5}")
    @CsvSource({
            "10, 120, false, false, false, LOW",
            "15, 300, false, false, false, LOW",
            "16, 120, false, false, false, MEDIUM",
            "10, 301, false, false, false, MEDIUM",
            "10, 120, false, true, false, LOW",
            "10, 120, false, true, true, MEDIUM",
            "40, 120, false, false, false, HIGH",
            "10, 1000, false, false, false, HIGH",
            "10, 120, true, false, true, HIGH",
            "10, 120, true, true, true, HIGH"})
    void theTierTable(int discount, int reach, boolean regulated, boolean fallback, boolean sensitive, RiskTier expected) {
        Scenario s = new Scenario().discount(discount).reach(reach).sensitive(sensitive);
        s.regulated = regulated;
        s.generator = fallback ? "fallback" : "openai";
        assertThat(engine.evaluate(s.facts()).tier()).isEqualTo(expected);
    }

    // ---- the rule files themselves -----------------------------------------------------------------------------------

    @Test
    void aBrokenRuleFileIsReportedWithFileAndLine() {
        assertThatThrownBy(() -> PolicyEngine.compile(Map.of("broken.drl", """
                package io.campaignpilot.rules
                import io.campaignpilot.policy.OfferFact;

                rule "Broken"
                when
                    OfferFact( stockInRegion < )
                then
                end
                """)))
                .isInstanceOf(RuleSetException.class)
                .satisfies(e -> assertThat(((RuleSetException) e).errors()).anyMatch(m -> m.startsWith("broken.drl:6:")));
    }

    @Test
    void aReloadChangesBehaviourAndABrokenReloadKeepsTheLastGoodRulesServing(@TempDir Path rulesDir) throws IOException {
        PolicyEngine editable = new PolicyEngine(properties(rulesDir.toString(), Map.of()));
        String packaged = editable.version();
        assertThat(editable.evaluate(new Scenario().discount(12).facts()).tier()).isEqualTo(RiskTier.LOW);

        // a process owner adds a rule file: discounts over 10% on kitchen products need marketing review
        Files.writeString(rulesDir.resolve("kitchen-discounts.drl"), """
                package io.campaignpilot.rules
                import io.campaignpilot.policy.*;

                rule "Kitchen discounts over 10% need marketing review"
                when
                    OfferFact( category == "kitchen", $d : discountPercent > 10 )
                then
                    insert(new Finding("KITCHEN_DISCOUNT", Severity.REVIEW_MARKETING, "Kitchen discount of " + $d + "%",
                        drools.getRule().getName(), null, "discount=" + $d));
                end
                """);
        PolicyEngine.RuleSet reloaded = editable.reload();
        assertThat(reloaded.version()).isNotEqualTo(packaged);
        assertThat(reloaded.files()).containsKey("kitchen-discounts.drl").containsKey("margin.drl");
        PolicyResult after = editable.evaluate(new Scenario().discount(12).facts());
        assertThat(codes(after)).contains("KITCHEN_DISCOUNT");
        assertThat(after.tier()).isEqualTo(RiskTier.MEDIUM);

        // then saves a typo: the reload reports file and line, and the rules that were serving keep serving
        Files.writeString(rulesDir.resolve("kitchen-discounts.drl"), """
                package io.campaignpilot.rules
                import io.campaignpilot.policy.*;

                rule "Kitchen discounts over 10% need marketing review"
                when
                    OfferFact( category == "kitchen", discountPercent > )
                then
                end
                """);
        assertThatThrownBy(editable::reload).isInstanceOf(RuleSetException.class)
                .satisfies(e -> assertThat(((RuleSetException) e).errors()).anyMatch(m -> m.startsWith("kitchen-discounts.drl:6:")));
        assertThat(editable.version()).isEqualTo(reloaded.version());
        assertThat(codes(editable.evaluate(new Scenario().discount(12).facts()))).contains("KITCHEN_DISCOUNT");
    }

    @Test
    void aBrokenRuleFileStopsTheStart(@TempDir Path rulesDir) throws IOException {
        Files.writeString(rulesDir.resolve("margin.drl"), "package io.campaignpilot.rules\nrule \"x\" when Foo( then end\n");
        assertThatThrownBy(() -> new PolicyEngine(properties(rulesDir.toString(), Map.of())))
                .isInstanceOf(RuleSetException.class).hasMessageContaining("margin.drl:");
    }

    @Test
    void theRulesVersionIsAHashOfTheRuleFiles() {
        assertThat(engine.version()).hasSize(12);
        assertThat(new PolicyEngine(DEFAULTS).version()).isEqualTo(engine.version());
    }

    // ---- helpers -----------------------------------------------------------------------------------------------------

    static PolicyProperties properties(String rulesDir, Map<String, PolicyProperties.Category> categories) {
        return new PolicyProperties(rulesDir, Duration.ofSeconds(2), new PolicyProperties.Category(0.25, 0.05, 25, 0.03),
                categories, List.of("supplements", "alcohol"), 40, 15, 1000, 300);
    }

    private static List<String> codes(PolicyResult result) {
        return result.findings().stream().map(Finding::code).toList();
    }

    private static Finding finding(PolicyResult result, String code) {
        return result.findings().stream().filter(f -> f.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " among " + codes(result)));
    }

    /** A campaign-sized fact set: one kitchen product, 10% off, in the north, an email variant; each case changes one thing. */
    static final class Scenario {
        final List<Object> facts = new ArrayList<>();
        final Map<String, int[]> audience = new LinkedHashMap<>(Map.of("email", new int[]{120, 0}));
        final List<ChannelVariant> variants = new ArrayList<>();
        String sku = "HP-KIT-001", name = "Cast Iron Skillet", category = "kitchen", price = "49.00", cost = "18.50";
        String description = "Pre-seasoned cast iron skillet, oven safe to 260 °C, works on induction.";
        String emailBody, emailSubject; // by default the offer as the catalog and the discount give it
        String generator = "openai";
        PolicyProperties policy = DEFAULTS;
        int discount = 10, reach = 120, stock = 640;
        boolean regulated, constrained, sensitive;

        Scenario product(String price, String cost) {
            this.price = price;
            this.cost = cost;
            return this;
        }

        Scenario name(String value) {
            this.name = value;
            return this;
        }

        Scenario blanket() {
            return outdoor("HP-OUT-004", "Picnic Blanket Waterproof", "49.00", "15.00",
                    "Fleece top with waterproof backing, folds into a carry strap.");
        }

        Scenario tent() {
            return outdoor("HP-OUT-003", "Two-Person Tent", "229.00", "96.00",
                    "Three-season dome tent, 2.1 kg, 3000 mm hydrostatic head.");
        }

        private Scenario outdoor(String sku, String name, String price, String cost, String description) {
            this.sku = sku;
            this.name = name;
            this.category = "outdoor";
            this.price = price;
            this.cost = cost;
            this.description = description;
            return this;
        }

        Scenario supplement() {
            sku = "HP-SUP-001";
            name = "Vitamin D3";
            category = "supplements";
            price = "12.00";
            cost = "3.10";
            regulated = true;
            description = "Food supplement, 90 capsules of 25 µg vitamin D3.";
            return disclosure("supplements", "Food supplements should not replace a varied diet.");
        }

        Scenario discount(int value) {
            discount = value;
            return this;
        }

        Scenario reach(int value) {
            reach = value;
            return this;
        }

        Scenario stockInRegion(int value) {
            stock = value;
            return this;
        }

        Scenario constrained() {
            constrained = true;
            return this;
        }

        Scenario sensitive(boolean value) {
            sensitive = value;
            return this;
        }

        Scenario copy(String body) {
            emailBody = body;
            return this;
        }

        /** Same copy with the sale price the discount gives. */
        Scenario copyFor(String salePrice) {
            emailBody = name + ", now £" + salePrice + ".";
            emailSubject = name;
            return this;
        }

        Scenario channel(String channel, int consented, int capped) {
            audience.put(channel, new int[]{consented, capped});
            return this;
        }

        Scenario variant(Channel channel, String text) {
            variants.add(new ChannelVariant(channel, 1, Map.of("text", text), List.of(1), generator, null, null));
            return this;
        }

        Scenario disclosure(String forCategory, String line) {
            facts.add(new RequiredDisclosure(forCategory, line, "policy-test", 1));
            return this;
        }

        List<Object> facts() {
            Product product = new Product(sku, name, "Harbor & Pine", category, new BigDecimal(price), new BigDecimal(cost),
                    stock, regulated, description, constrained);
            List<Object> all = new ArrayList<>(facts);
            all.add(new CampaignFact("c-1", "north", "OVERSTOCK", discount, reach, regulated, sensitive || regulated));
            all.add(CampaignFacts.offer(product, discount, "north", stock));
            all.add(policy.thresholdsFor(category));
            all.add(policy.thresholds(FREQUENCY));
            audience.forEach((channel, sizes) -> all.add(new AudienceFact(channel, reach, sizes[0], sizes[1], sizes[0] - sizes[1])));
            all.add(new ChannelLimit("email", "subject", 60));
            all.add(new ChannelLimit("email", "body", 2000));
            all.add(new ChannelLimit("sms", "segments", 1));
            BigDecimal sale = product.priceAfter(discount);
            Map<String, String> email = new LinkedHashMap<>();
            email.put("subject", emailSubject != null ? emailSubject : name + ": " + discount + "% off");
            email.put("body", emailBody != null ? emailBody : name + ", now £" + sale + " (" + discount + "% off £" + price + ").");
            List<ChannelVariant> copy = new ArrayList<>();
            copy.add(new ChannelVariant(Channel.EMAIL, 1, email, List.of(1), generator, null, null));
            variants.forEach(v -> copy.add(new ChannelVariant(v.channel(), v.variantNo(), v.fields(), v.citations(), generator, null, null)));
            all.addAll(CampaignFacts.copy(copy, List.of(product)));
            for (String sentence : description.split("(?<=\\.)\\s+")) {
                all.add(new ApprovedClaim("catalog:" + sku, 0, sentence, List.of(category), List.of(sku)));
            }
            return all;
        }
    }
}
