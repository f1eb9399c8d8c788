package io.campaignpilot.generation;

import io.campaignpilot.campaign.Channel;
import io.campaignpilot.catalog.Product;
import io.campaignpilot.knowledge.GroundingSource;
import io.campaignpilot.knowledge.KnowledgeType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The grounded generator writes a claim only for the product it is about: the tent's flysheet rating once went out in
 * a picnic blanket's e-mail because it was the first claim retrieved for the outdoor category.
 */
class GroundedGeneratorClaimsTest {
    private static final String TENT_CLAIM = "Flysheet rated to a 3000 mm hydrostatic head; sleeps two.";
    private static final Product BLANKET = new Product("HP-OUT-004", "Picnic Blanket Waterproof", "Harbor & Pine", "outdoor",
            new BigDecimal("49.00"), new BigDecimal("15.00"), 2600, false, "Fleece top with waterproof backing, folds into a carry strap.");
    private static final Product TENT = new Product("HP-OUT-003", "Two-Person Tent", "Harbor & Pine", "outdoor",
            new BigDecimal("229.00"), new BigDecimal("96.00"), 140, false, "Three-season dome tent, 2.1 kg, 3000 mm hydrostatic head.");

    private final GenerationProperties properties = new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("campaignpilot.generation", GenerationProperties.class);
    private final GroundedGenerator generator = new GroundedGenerator(properties.limits());

    @ParameterizedTest
    @EnumSource(Channel.class)
    void theBlanketsCopyCarriesNoTentClaim(Channel channel) {
        ChannelVariant copy = generator.generate(request(channel, BLANKET)).variant();

        assertThat(String.join("\n", copy.fields().values())).doesNotContain(TENT_CLAIM).doesNotContain("Flysheet");
        assertThat(copy.citations()).doesNotContain(2);
    }

    @Test
    void theTentsCopyCarriesItsOwnClaim() {
        ChannelVariant copy = generator.generate(request(Channel.EMAIL, TENT)).variant();

        assertThat(copy.fields().get("body")).contains(TENT_CLAIM);
        assertThat(copy.citations()).contains(2);
    }

    @Test
    void aClaimForTheWholeCategoryServesEveryProductInIt() {
        GroundingSource categoryWide = new GroundingSource(2, "claim-outdoor-returns", "claim-outdoor-returns@v1#0",
                KnowledgeType.CLAIM, 1, "Outdoor returns", 0.9, "Every outdoor product can be returned within 60 days.");
        GenerationRequest r = request(Channel.EMAIL, BLANKET);
        GenerationRequest withCategoryClaim = new GenerationRequest(r.campaignId(), r.round(), r.channel(), r.variantNo(),
                r.variantsPerLocale(), r.locale(), r.title(), r.trigger(), r.objective(), r.region(), r.segment(),
                r.discountPercent(), r.products(), List.of(r.sources().getFirst(), categoryWide), r.feedback(), r.model());

        assertThat(generator.generate(withCategoryClaim).variant().fields().get("body"))
                .contains("Every outdoor product can be returned within 60 days.");
    }

    @Test
    void theModelIsNotShownAnotherProductsClaim() {
        PromptTemplates prompts = new PromptTemplates(properties);

        assertThat(prompts.user(request(Channel.EMAIL, BLANKET), "en-GB", 1, 1))
                .doesNotContain(TENT_CLAIM).doesNotContain("claim-tent-waterproof");
        assertThat(prompts.user(request(Channel.EMAIL, TENT), "en-GB", 1, 1)).contains(TENT_CLAIM);
    }

    /** The sources as retrieval once returned them for the outdoor category: the tent's claim first. */
    private static GenerationRequest request(Channel channel, Product product) {
        List<GroundingSource> sources = List.of(
                new GroundingSource(1, "brand-voice", "brand-voice@v3#0", KnowledgeType.BRAND_VOICE, 3, "Brand voice", 1.0,
                        "Approved openings:\n- For the days spent outside.\n\nApproved calls to action:\n- Shop the collection"),
                new GroundingSource(2, "claim-tent-waterproof", "claim-tent-waterproof@v1#0", KnowledgeType.CLAIM, 1,
                        "Tent waterproof rating", 0.9, TENT_CLAIM + "\n\nEvidence: Lab test HP-QA-2024-202", List.of("HP-OUT-003")));
        return new GenerationRequest("c-1", 1, channel, 1, 1, "en-GB", "Outdoor days", "OVERSTOCK", "Clear surplus",
                "north", "outdoor-enthusiasts", 10, List.of(product), sources, List.of(), "stub-model");
    }
}
