package io.campaignpilot.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignpilot.ui.NodeTools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proof, as people do it in headless Chromium: the marketing manager follows Tasklist's "Results" link, the
 * auditor opens Campaigns in Cockpit; each reads the campaigns with their headline, a measured campaign's verdict,
 * intervals and charts, one whose window is still open, and the scorecard, with nothing to change. Screenshots:
 * target/screenshots/results-mary-*.png and results-ada-*.png.
 */
class ResultsBrowserTest extends ApiTestBase {
    @Autowired
    ApplicationContext context;

    @BeforeEach
    void browser() {
        NodeTools.require(NodeTools.HOME.resolve("node_modules/playwright-core"), NodeTools.CHROMIUM);
        MeasuredCampaigns.seed(context);
    }

    @Test
    void theMarketingManagerFollowsTasklistsResultsLink() throws Exception {
        JsonNode seen = open("mary", "tasklist");
        assertThat(seen.path("url").asText()).contains("/camunda/app/cockpit/default/#/campaigns");
        assertSeesTheResults(seen);
        // the evidence is for auditors, process owners and administrators: no link that would end in a refusal
        assertThat(seen.path("evidenceLinks").asInt()).isZero();
        assertThat(seen.path("campaign").path("evidenceLinks").asInt()).isZero();
    }

    @Test
    void theAuditorOpensCampaignsInCockpitAndCanChangeNothing() throws Exception {
        JsonNode seen = open("ada", "cockpit");
        assertSeesTheResults(seen);
        assertThat(seen.path("evidenceLinks").asInt()).isPositive();
        assertThat(seen.path("campaign").path("evidenceLinks").asInt()).isOne();
        for (String page : new String[]{"list", "campaign", "open", "scorecard"}) {
            assertThat(seen.path(page).path("buttons").asInt()).as(page).isZero();
            assertThat(seen.path(page).path("changeLinks").asInt()).as(page).isZero();
        }
    }

    private static void assertSeesTheResults(JsonNode seen) {
        assertThat(seen.path("problems")).as("failed requests or script errors").isEmpty();
        assertThat(seen.path("brand").asText()).isEqualTo("CampaignPilot Cockpit");
        assertThat(seen.path("eolBannerVisible").asBoolean()).as("the end-of-life banner").isFalse();
        // the list: titles, business words, the headline with its interval; no ids where a title exists
        String measuredRow = seen.path("measuredRow").asText();
        assertThat(measuredRow).contains("Published", "Medium risk", "Overstock", "Email, SMS", "Lift shown", "95 % interval");
        assertThat(seen.path("openRow").asText()).contains("No verdict yet", "measuring until");
        assertThat(seen.path("list").path("text").asText()).contains(MeasuredCampaigns.IN_REVIEW_TITLE, "Not published yet")
                .doesNotContainPattern("[0-9a-f]{8}-[0-9a-f]{4}-");

        JsonNode campaign = seen.path("campaign");
        assertThat(campaign.path("title").asText()).isEqualTo(MeasuredCampaigns.MEASURED_TITLE);
        assertThat(campaign.path("verdict").asText()).isEqualTo("Lift shown");
        assertThat(campaign.path("text").asText()).contains("Conversion +", "95 % interval", "the campaign made a difference",
                "Incremental contribution", "By channel and A/B arm", "Email · variant 1", "SMS");
        assertThat(campaign.path("charts").toString()).contains("conversion", "revenue", "cumulative", "slices");
        assertThat(campaign.path("captions").toString()).contains("Treatment", "holdout");

        JsonNode open = seen.path("open");
        assertThat(open.path("verdict").asText()).isEqualTo("No verdict yet");
        assertThat(open.path("text").asText()).contains("The measurement window closes on", "so far");
        assertThat(open.path("charts").toString()).contains("conversion", "cumulative");

        assertThat(seen.path("scorecard").path("text").asText()).contains("Campaigns measured", "Incremental contribution",
                "Approved without a reviewer", "Verdict: Lift shown", "Incidents open now", "In stock when sent",
                "Per asset");
        assertThat(seen.path("scorecard").path("charts").toString()).contains("scorecard-results");
    }

    private JsonNode open(String user, String app) throws Exception {
        NodeTools.Result run = NodeTools.node(Map.of(
                "BASE_URL", "http://127.0.0.1:" + port,
                "USER_NAME", user,
                "PASSWORD", PASSWORD,
                "APP", app,
                "CAMPAIGN_TITLE", MeasuredCampaigns.MEASURED_TITLE,
                "OPEN_TITLE", MeasuredCampaigns.OPEN_TITLE,
                "CHROMIUM", NodeTools.CHROMIUM.toString(),
                "SCREENSHOTS", Path.of("target/screenshots").toAbsolutePath().toString()), 180, "results-view.mjs");
        assertThat(run.exitCode()).as(run.output()).isZero();
        return json.readTree(run.output().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());
    }
}
