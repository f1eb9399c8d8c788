package io.campaignpilot.publishing;

import io.campaignpilot.audience.Customer;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.generation.ChannelVariant;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which approved variant each customer receives: their language first, then a stable A/B arm. */
class VariantAssignmentTest {
    private static final List<ChannelVariant> WEST = List.of(variant(2, "cy-GB"), variant(1, "en-GB"), variant(3, "en-GB"),
            variant(4, "cy-GB"));

    @Test
    void aCustomerGetsCopyInTheirOwnLanguage() {
        VariantAssignment assignment = new VariantAssignment("campaign-1", WEST);
        for (long id = 1; id <= 200; id++) {
            assertThat(assignment.of(customer(id, "cy-GB")).locale()).isEqualTo("cy-GB");
            assertThat(assignment.of(customer(id, "en-GB")).locale()).isEqualTo("en-GB");
        }
    }

    @Test
    void aLanguageWithoutCopyFallsBackToTheLowestNumberedVariantsLanguage() {
        VariantAssignment assignment = new VariantAssignment("campaign-1", WEST);
        assertThat(assignment.of(customer(7, "pl-PL")).locale()).isEqualTo("en-GB");
    }

    @Test
    void armsAreSplitRoughlyEvenlyAndTheSameOnEveryLook() {
        VariantAssignment first = new VariantAssignment("campaign-1", WEST);
        VariantAssignment retried = new VariantAssignment("campaign-1", List.of(WEST.get(3), WEST.get(2), WEST.get(1), WEST.get(0)));
        Map<Integer, Long> arms = LongStream.rangeClosed(1, 2000).mapToObj(id -> first.of(customer(id, "en-GB")))
                .collect(Collectors.groupingBy(ChannelVariant::variantNo, Collectors.counting()));
        assertThat(arms).containsOnlyKeys(1, 3);
        assertThat(arms.values()).allMatch(n -> n > 850 && n < 1150);
        for (long id = 1; id <= 500; id++) {
            assertThat(retried.of(customer(id, "en-GB")).variantNo()).isEqualTo(first.of(customer(id, "en-GB")).variantNo());
        }
    }

    @Test
    void anotherCampaignDrawsItsOwnArms() {
        Function<String, List<Integer>> arms = campaign -> LongStream.rangeClosed(1, 100)
                .mapToObj(id -> new VariantAssignment(campaign, WEST).of(customer(id, "en-GB")).variantNo()).toList();
        assertThat(arms.apply("campaign-1")).isNotEqualTo(arms.apply("campaign-2"));
    }

    @Test
    void nothingToAssignIsRefused() {
        assertThatThrownBy(() -> new VariantAssignment("campaign-1", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no variants");
    }

    private static ChannelVariant variant(int no, String locale) {
        return new ChannelVariant(Channel.EMAIL, no, Map.of("subject", "Offer " + no), List.of(1), "grounded", null,
                null, List.of(), locale);
    }

    private static Customer customer(long id, String locale) {
        return new Customer(id, "c" + id + "@example.test", "+44700" + id, "Sam", "west", locale, "all", "bronze",
                true, false, false, false, false);
    }
}
