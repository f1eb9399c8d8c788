package io.campaignpilot.detection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How a milestone reads in a campaign's title and brief. */
class LoyaltyMilestonesTest {

    @Test
    void milestonesReadAsACustomerWouldSayThem() {
        assertThat(new LoyaltyMilestones.Milestone("orders", 5).describe()).isEqualTo("5th order");
        assertThat(new LoyaltyMilestones.Milestone("orders", 21).describe()).isEqualTo("21st order");
        assertThat(new LoyaltyMilestones.Milestone("orders", 22).describe()).isEqualTo("22nd order");
        assertThat(new LoyaltyMilestones.Milestone("orders", 113).describe()).isEqualTo("113th order");
        assertThat(new LoyaltyMilestones.Milestone("points", 2500).describe()).isEqualTo("2,500 points");
        assertThat(new LoyaltyMilestones.Milestone("points", 2500).key()).isEqualTo("points-2500");
    }
}
