package io.campaignpilot.learning;

import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignStatus;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.measurement.Measurement;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The drafted learning reads the result as it is: every figure with its interval, and a take-away that follows from it. */
class LearningSummaryTest {
    private static final Campaign COATS = new Campaign("c-1", "e-1", "OVERSTOCK", "Winter coats clearance", "east",
            "outerwear", List.of("HP-OUT-004"), 15, List.of(Channel.EMAIL, Channel.SMS), "all", null,
            CampaignStatus.PUBLISHED, "LOW", null, null, "integration", null, null, null);

    @Test
    void aLiftThatPaidForItselfIsWorthRepeating() {
        Measurement m = measurement("LIFT", 0.25, 0.08, 0.42, "412.00", "95.50", "728.50", List.of(
                new Measurement.Slice("email", null, 3000, 180, 400, 18, 0.33, 0.05, 0.61, 0.02, null),
                new Measurement.Slice("sms", null, 1000, 40, 400, 18, null, null, null, null,
                        "too few to judge: treatment has 40 buyers"),
                new Measurement.Slice("email", 1, 1500, 95, 400, 18, 0.4, 0.1, 0.7, 0.01, null)));

        String text = LearningSummary.text(COATS, List.of("Storm parka"), m);

        assertThat(text).isEqualTo("""
                Overstock campaign "Winter coats clearance" in the east region (outerwear: Storm parka; 15 % off; email, \
                SMS), measured from 1 Dec 2026 to 15 Dec 2026.
                Result: it lifted conversion. 5.0 % of the 4,000 customers sent it bought, against 4.0 % of the 450 held \
                out: +25.0 % relative lift (95 % interval +8.0 % to +42.0 %, p = 0.004).
                Incremental revenue: £1,240.50 (95 % interval £310.00 to £2,171.00).
                Incremental contribution: £412.00 (95 % interval £95.50 to £728.50), after £480.00 of discount on every \
                treatment purchase (also to buyers who would have bought anyway), £12.30 of sending and £0.40 of model calls.
                By channel: email +33.0 % (+5.0 % to +61.0 %); SMS no verdict (too few to judge: treatment has 40 buyers).
                Take-away: it lifted sales and paid for its discount and costs: an offer like this is worth repeating for \
                this category and region.""");
        assertThat(LearningSummary.worthLearning(m)).isTrue();
    }

    @Test
    void theTakeAwayFollowsFromTheVerdictAndTheContribution() {
        assertThat(LearningSummary.takeAway("LIFT", new BigDecimal("100"), new BigDecimal("-20")))
                .startsWith("it lifted sales, but whether it paid for its discount is not shown");
        assertThat(LearningSummary.takeAway("LIFT", new BigDecimal("-50"), new BigDecimal("-300")))
                .startsWith("it lifted sales but did not pay for its discount");
        assertThat(LearningSummary.takeAway("DROP", new BigDecimal("-50"), null)).startsWith("it lowered conversion");
        assertThat(LearningSummary.takeAway("NO_EFFECT_SHOWN", new BigDecimal("-5"), null))
                .startsWith("no effect was shown at this size");
        String dropped = LearningSummary.text(COATS, List.of("Storm parka"),
                measurement("DROP", -0.2, -0.35, -0.05, "-640.00", "-900.00", "-380.00", List.of()));
        assertThat(dropped).contains("Result: it lowered conversion.", "−20.0 % relative lift (95 % interval −35.0 % to −5.0 %",
                "Incremental contribution: −£640.00 (95 % interval −£900.00 to −£380.00)");
    }

    @Test
    void aWindowOfMinutesIsToldByTheMinute() {
        Measurement m = measurement("LIFT", 0.25, 0.08, 0.42, "412.00", "95.50", "728.50", List.of());
        Measurement minutes = new Measurement("c-1", Instant.parse("2026-12-02T17:16:26Z"),
                Instant.parse("2026-12-02T17:26:26Z"), m.measuredAt(), m.treatmentSize(), m.holdoutSize(),
                m.treatmentBuyers(), m.holdoutBuyers(), m.incrementalLift(), m.incrementalRevenue(), m.contributionMargin(),
                m.confidence(), m.costs(), m.slices());
        assertThat(LearningSummary.text(COATS, List.of("Storm parka"), minutes))
                .contains("measured on 2 Dec 2026, 17:16–17:26 UTC.");
    }

    @Test
    void noVerdictIsNothingToLearnFrom() {
        assertThat(LearningSummary.worthLearning(measurement("NO_VERDICT", 0.1, -0.5, 0.7, "1", "0", "2", List.of())))
                .isFalse();
        Measurement notMeasured = new Measurement("c-1", Instant.parse("2026-12-01T09:00:00Z"),
                Instant.parse("2026-12-15T09:00:00Z"), null, null, null, null, null, null, null, null, null, null, null);
        assertThat(LearningSummary.worthLearning(notMeasured)).isFalse();
    }

    private static Measurement measurement(String verdict, double lift, double low, double high, String contribution,
                                           String contributionLow, String contributionHigh, List<Measurement.Slice> slices) {
        Measurement.Confidence confidence = new Measurement.Confidence(low, high, 0.0042, new BigDecimal("310.00"),
                new BigDecimal("2171.00"), 0.01, new BigDecimal(contributionLow), new BigDecimal(contributionHigh), 0.6,
                false, verdict, null);
        Measurement.Costs costs = new Measurement.Costs(new BigDecimal("905.00"), new BigDecimal("480.00"),
                new BigDecimal("12.30"), new BigDecimal("0.40"));
        return new Measurement("c-1", Instant.parse("2026-12-01T09:00:00Z"), Instant.parse("2026-12-15T09:00:00Z"),
                Instant.parse("2026-12-15T09:01:00Z"), 4000, 450, 200, 18, lift, new BigDecimal("1240.50"),
                new BigDecimal(contribution), confidence, costs, slices);
    }
}
