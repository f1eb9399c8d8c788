package io.campaignpilot.generation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which model the routing settings pick for a campaign. */
class ModelRoutingTest {
    private final GenerationProperties.Routing both = new GenerationProperties.Routing("careful-model", "strongest-model");

    @Test
    void aCampaignTieredHighInAnEarlierRoundGetsTheHighRiskModelEvenForARegulatedProduct() {
        assertThat(both.modelFor("HIGH", true, "small-model")).isEqualTo("strongest-model");
        assertThat(both.modelFor("HIGH", false, "small-model")).isEqualTo("strongest-model");
    }

    @Test
    void aRegulatedProductGetsTheRegulatedModelBelowHigh() {
        assertThat(both.modelFor("MEDIUM", true, "small-model")).isEqualTo("careful-model");
        assertThat(both.modelFor(null, true, "small-model")).isEqualTo("careful-model");
    }

    @Test
    void everythingElseAndUnsetRoutesUseTheDefaultModel() {
        assertThat(both.modelFor("LOW", false, "small-model")).isEqualTo("small-model");
        GenerationProperties.Routing none = new GenerationProperties.Routing(null, " ");
        assertThat(none.modelFor("HIGH", true, "small-model")).isEqualTo("small-model");
    }
}
