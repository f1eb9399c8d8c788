package io.campaignpilot.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** GET /api/results and /api/results/{id}: the results view's data, who may read it, and what bad filters get. */
class ResultsApiTest extends ApiTestBase {
    @Autowired
    ApplicationContext context;

    private MeasuredCampaigns.Seeded seeded;

    @BeforeEach
    void campaigns() {
        seeded = MeasuredCampaigns.seed(context);
    }

    @Test
    void theListShowsEachCampaignsStandingAndHeadline() {
        JsonNode list = read(get("/api/results?limit=500", "mary").body());
        JsonNode measured = byId(list, seeded.measured());
        assertThat(measured.path("title").asText()).isEqualTo(MeasuredCampaigns.MEASURED_TITLE);
        assertThat(measured.path("status").asText()).isEqualTo("PUBLISHED");
        assertThat(measured.path("tier").asText()).isEqualTo("MEDIUM");
        assertThat(measured.path("triggerType").asText()).isEqualTo("OVERSTOCK");
        assertThat(measured.path("channels").toString()).isEqualTo("[\"email\",\"sms\"]");
        JsonNode headline = measured.path("headline");
        assertThat(headline.path("state").asText()).isEqualTo("MEASURED");
        assertThat(headline.path("verdict").asText()).isEqualTo("LIFT");
        JsonNode lift = headline.path("conversionLift");
        assertThat(lift.path("low").asDouble()).isPositive().isLessThan(lift.path("estimate").asDouble());
        assertThat(lift.path("high").asDouble()).isGreaterThan(lift.path("estimate").asDouble());
        // the same figures as the campaign's measurement, per treatment customer where it says so
        JsonNode measurement = campaign(seeded.measured()).path("measurement");
        assertThat(headline.path("incrementalRevenue").path("estimate").decimalValue())
                .isEqualByComparingTo(measurement.path("incrementalRevenue").decimalValue());
        assertThat(headline.path("contribution").path("low").decimalValue())
                .isEqualByComparingTo(measurement.path("confidence").path("contributionMarginLow").decimalValue());
        assertThat(headline.path("revenuePerCustomer").path("estimate").asDouble()).isCloseTo(
                measurement.path("incrementalRevenue").asDouble() / measurement.path("treatmentSize").asDouble(), within(0.01));

        JsonNode open = byId(list, seeded.open()).path("headline");
        assertThat(open.path("state").asText()).isEqualTo("WINDOW_OPEN");
        assertThat(open.path("windowEndsAt").asText()).isNotBlank();
        assertThat(open.path("verdict").isNull()).isTrue();
        assertThat(byId(list, seeded.inReview()).path("headline").path("state").asText()).isEqualTo("NOT_SCHEDULED");
        assertThat(byId(list, seeded.inReview()).path("status").asText()).isEqualTo("RUNNING");
    }

    @Test
    void filtersByStatusAndRegistrationDateAndLimit() {
        JsonNode published = read(get("/api/results?status=PUBLISHED&limit=500", "ada").body());
        assertThat(published.findValuesAsText("status")).containsOnly("PUBLISHED");
        assertThat(published.findValuesAsText("id")).contains(seeded.measured(), seeded.open()).doesNotContain(seeded.inReview());

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // the measured campaign was registered 16 days ago, the open one 3 days ago
        JsonNode lastWeek = read(get("/api/results?limit=500&from=" + today.minusDays(7) + "&to=" + today.plusDays(1), "ada").body());
        assertThat(lastWeek.findValuesAsText("id")).contains(seeded.open(), seeded.inReview()).doesNotContain(seeded.measured());
        JsonNode before = read(get("/api/results?from=" + today.minusDays(20) + "&to=" + today.minusDays(10), "ada").body());
        assertThat(before.findValuesAsText("id")).contains(seeded.measured()).doesNotContain(seeded.open());

        JsonNode two = read(get("/api/results?limit=2", "ada").body());
        assertThat(two).hasSize(2);
    }

    @Test
    void filtersByRiskTierAndTrigger() {
        JsonNode medium = read(get("/api/results?tier=MEDIUM&limit=500", "ada").body());
        assertThat(medium.findValuesAsText("tier")).containsOnly("MEDIUM");
        assertThat(medium.findValuesAsText("id")).contains(seeded.measured()).doesNotContain(seeded.open(), seeded.inReview());
        JsonNode briefs = read(get("/api/results?trigger=BRIEF&limit=500", "ada").body());
        assertThat(briefs.findValuesAsText("triggerType")).containsOnly("BRIEF");
        assertThat(briefs.findValuesAsText("id")).contains(seeded.inReview()).doesNotContain(seeded.measured());
        JsonNode both = read(get("/api/results?status=PUBLISHED&tier=LOW&trigger=SEASONAL_LAUNCH&limit=500", "ada").body());
        assertThat(both.findValuesAsText("id")).contains(seeded.open()).doesNotContain(seeded.measured(), seeded.inReview());
    }

    @Test
    void oneCampaignsResultHasItsArmsAndCumulativeBuyers() {
        JsonNode result = read(get("/api/results/" + seeded.measured(), "ada").body());
        assertThat(result.path("campaign").path("title").asText()).isEqualTo(MeasuredCampaigns.MEASURED_TITLE);
        JsonNode measurement = result.path("measurement");
        assertThat(measurement.path("confidence").path("verdict").asText()).isEqualTo("LIFT");
        assertThat(measurement.path("slices").findValuesAsText("channel")).containsExactly("email", "email", "email", "sms");

        JsonNode treatment = result.path("arms").get(0);
        JsonNode holdout = result.path("arms").get(1);
        assertThat(treatment.path("arm").asText()).isEqualTo("treatment");
        assertThat(treatment.path("customers").asInt()).isEqualTo(measurement.path("treatmentSize").asInt());
        assertThat(treatment.path("buyers").asInt()).isEqualTo(measurement.path("treatmentBuyers").asInt());
        assertThat(holdout.path("buyers").asInt()).isEqualTo(measurement.path("holdoutBuyers").asInt());
        JsonNode conversion = treatment.path("conversion");
        assertThat(conversion.path("low").asDouble()).isLessThan(conversion.path("estimate").asDouble());
        assertThat(conversion.path("estimate").asDouble()).isCloseTo(0.18, within(0.03));
        assertThat(treatment.path("revenuePerCustomer").path("estimate").asDouble())
                .isGreaterThan(holdout.path("revenuePerCustomer").path("estimate").asDouble());

        JsonNode points = result.path("timeline").path("points");
        assertThat(points).hasSize(41);
        JsonNode last = points.get(40);
        assertThat(last.path("treatmentBuyers").asInt()).isEqualTo(treatment.path("buyers").asInt());
        assertThat(last.path("holdoutBuyers").asInt()).isEqualTo(holdout.path("buyers").asInt());
        assertThat(last.path("at").asText()).isEqualTo(result.path("timeline").path("to").asText());
        for (int i = 1; i < points.size(); i++) {
            assertThat(points.get(i).path("treatmentBuyers").asInt()).isGreaterThanOrEqualTo(points.get(i - 1).path("treatmentBuyers").asInt());
        }
        // most of the treatment's buyers bought in the first half of the window
        assertThat(points.get(20).path("treatmentShare").asDouble()).isGreaterThan(0.6 * last.path("treatmentShare").asDouble());
    }

    @Test
    void anOpenWindowIsDrawnSoFarAndACampaignInReviewHasNothingToDraw() {
        JsonNode open = read(get("/api/results/" + seeded.open(), "mary").body());
        assertThat(open.path("measurement").path("measuredAt").isNull()).isTrue();
        JsonNode timeline = open.path("timeline");
        assertThat(timeline.path("until").asText()).isLessThan(timeline.path("to").asText());
        // three days of fourteen: 40 steps of 8.4 hours, 9 of them passed, and now
        assertThat(timeline.path("points").size()).isEqualTo(10);
        assertThat(open.path("arms").get(0).path("buyers").asInt()).isPositive();

        JsonNode review = read(get("/api/results/" + seeded.inReview(), "mary").body());
        assertThat(review.path("campaign").path("headline").path("state").asText()).isEqualTo("NOT_SCHEDULED");
        assertThat(review.path("measurement").isNull()).isTrue();
        assertThat(review.path("timeline").isNull()).isTrue();
    }

    @Test
    void badFiltersAreRefusedNamingTheField() {
        assertRefused(get("/api/results?status=LIVE", "ada"), "status");
        assertRefused(get("/api/results?from=2026-12-01&to=2026-11-01", "ada"), "to");
        assertRefused(get("/api/results?from=yesterday", "ada"), "from");
        assertRefused(get("/api/results?limit=0", "ada"), "limit");
        assertRefused(get("/api/results?limit=501", "ada"), "limit");
        assertRefused(get("/api/results?limit=ten", "ada"), "limit");
        assertRefused(get("/api/results?tier=SEVERE", "ada"), "tier");
        assertRefused(get("/api/results?trigger=FLASH_SALE", "ada"), "trigger");
        assertThat(get("/api/results/no-such-campaign", "ada").statusCode()).isEqualTo(404);
    }

    @Test
    void managersLeadsOwnersAndAuditorsReadResultsAndIntegrationsAndLegalDoNot() {
        for (String user : new String[]{"mary", "leo", "owen", "ada", "admin"}) {
            assertThat(get("/api/results?limit=1", user).statusCode()).as(user).isEqualTo(200);
            assertThat(get("/api/results/" + seeded.measured(), user).statusCode()).as(user).isEqualTo(200);
        }
        for (String user : new String[]{"integration", "lena"}) {
            assertThat(get("/api/results", user).statusCode()).as(user).isEqualTo(403);
            assertThat(get("/api/results/" + seeded.measured(), user).statusCode()).as(user).isEqualTo(403);
        }
        assertThat(post("/api/results", "mary", "{}").statusCode()).isEqualTo(403);
    }

    private void assertRefused(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(read(response.body()).path("errors").findValuesAsText("field")).contains(field);
    }

    private static JsonNode byId(JsonNode list, String id) {
        for (JsonNode item : list) {
            if (item.path("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no campaign " + id + " in " + list.size() + " listed");
    }
}
