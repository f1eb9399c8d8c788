package io.campaignpilot.policy;

import io.campaignpilot.campaign.Channel;
import io.campaignpilot.catalog.Product;
import io.campaignpilot.generation.CopyCheck;
import io.campaignpilot.generation.GenerationProperties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generation's check and the truth-in-copy rules judge the same copy alike: a discount other than the offer's, or an
 * amount that is no price of it, is refused by both or by neither. Copy in English and in the Welsh the brand writes.
 */
class StatedOfferAgreementTest {
    private static final GenerationProperties GENERATION = new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("campaignpilot.generation", GenerationProperties.class);
    private final CopyCheck check = new CopyCheck(GENERATION);
    private final PolicyEngine engine = new PolicyEngine(PolicyRulesTest.DEFAULTS);

    // the Scenario's skillet: £49.00, so 10% off is £44.10 (a £4.90 saving), half price £24.50
    @ParameterizedTest(name = "{1}% off: \"{0}\" -> wrong discount {2}, wrong amount {3}")
    @CsvSource(delimiter = '|', textBlock = """
            Cast Iron Skillet, now 10% off.                          | 10 | false | false
            Cast Iron Skillet, now 20% off!                          | 10 | true  | false
            Save 10% on the Cast Iron Skillet.                       | 10 | false | false
            Save 15% on the Cast Iron Skillet.                       | 10 | true  | false
            Cast Iron Skillet: 10 per cent off.                      | 10 | false | false
            Half price: the Cast Iron Skillet.                       | 10 | true  | false
            Half price: the Cast Iron Skillet, now £24.50.           | 50 | false | false
            Save £4.90 on the Cast Iron Skillet.                     | 10 | false | false
            Save £5 on the Cast Iron Skillet.                        | 10 | false | true
            Up to 30% off cookware.                                  | 10 | true  | false
            Up to 30% off cookware.                                  | 30 | false | false
            Cast Iron Skillet, was £49 now £44.10.                   | 10 | false | false
            Cast Iron Skillet, was £20 now £15.                      | 10 | false | true
            2 for 1 on the Cast Iron Skillet.                        | 10 | true  | false
            2 for 1 on the Cast Iron Skillet.                        | 50 | false | false
            3 for 2 on the Cast Iron Skillet.                        | 33 | true  | false
            Buy one, get one free.                                   | 10 | true  | false
            30 day returns on the Cast Iron Skillet.                 | 10 | false | false
            Pair it with SPF 30 for the barbecue.                    | 10 | false | false
            Oven mitts of 100% cotton.                               | 10 | false | false
            A £1,200 range cooker to go with it.                     | 10 | false | true
            Just 99p for seasoning oil.                              | 10 | false | true
            Sgilet haearn bwrw, 10% i ffwrdd.                        | 10 | false | false
            Sgilet haearn bwrw, 20% i ffwrdd.                        | 10 | true  | false
            Arbedwch 25% ar y sgilet.                                | 10 | true  | false
            Arbedwch £4.90 ar y sgilet.                              | 10 | false | false
            Arbed hyd at 30% ar sosbenni.                            | 10 | true  | false
            Sgilet am hanner pris.                                   | 10 | true  | false
            Sgilet am hanner pris, nawr £24.50.                      | 50 | false | false
            """)
    void generationAndTheRulesJudgeTheOfferInCopyAlike(String copy, int discount, boolean wrongDiscount,
                                                      boolean wrongAmount) {
        PolicyRulesTest.Scenario scenario = new PolicyRulesTest.Scenario().discount(discount).copy(copy);
        scenario.emailSubject = scenario.name;
        List<String> rules = engine.evaluate(scenario.facts()).findings().stream().map(Finding::code).toList();
        Product skillet = new Product(scenario.sku, scenario.name, "Harbor & Pine", scenario.category,
                new BigDecimal(scenario.price), new BigDecimal(scenario.cost), scenario.stock, false, scenario.description);
        List<String> generation = check.editViolations(Channel.EMAIL, Map.of("subject", scenario.name, "preheader", "Hello",
                "body", copy, "callToAction", "See the details"), new CopyCheck.Offer(discount, List.of(skillet), List.of()));

        assertThat(rules.contains("DISCOUNT_MISMATCH")).as("rules on the discount: %s", rules).isEqualTo(wrongDiscount);
        assertThat(generation.stream().anyMatch(p -> p.startsWith("the copy offers")))
                .as("generation on the discount: %s", generation).isEqualTo(wrongDiscount);
        assertThat(rules.contains("PRICE_NOT_IN_CATALOG")).as("rules on amounts: %s", rules).isEqualTo(wrongAmount);
        assertThat(generation.stream().anyMatch(p -> p.startsWith("the amount")))
                .as("generation on amounts: %s", generation).isEqualTo(wrongAmount);
    }
}
