package io.campaignpilot.results;

import com.zaxxer.hikari.HikariDataSource;
import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.campaign.CampaignStatus;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.dev.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The results list from the campaign and measurement records: each campaign's state and headline, and the filters. */
class CampaignResultsTest {
    private HikariDataSource database;

    @AfterEach
    void close() {
        database.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void eachCampaignWithItsStateAndHeadlineNewestFirst(String kind) {
        database = TestDatabases.migrated(kind, "results_list");
        JdbcClient jdbc = JdbcClient.create(database);
        CampaignRepository campaigns = new CampaignRepository(jdbc);
        Instant now = Instant.now();
        campaign(jdbc, campaigns, "draft", CampaignStatus.RUNNING, now.minus(Duration.ofHours(1)));
        campaign(jdbc, campaigns, "rejected", CampaignStatus.REJECTED, now.minus(Duration.ofDays(2)));
        campaign(jdbc, campaigns, "open", CampaignStatus.PUBLISHED, now.minus(Duration.ofDays(3)));
        campaign(jdbc, campaigns, "due", CampaignStatus.PUBLISHED, now.minus(Duration.ofDays(20)));
        campaign(jdbc, campaigns, "measured", CampaignStatus.PUBLISHED, now.minus(Duration.ofDays(40)));
        window(jdbc, "open", now.minus(Duration.ofDays(2)), now.plus(Duration.ofDays(12)));
        window(jdbc, "due", now.minus(Duration.ofDays(15)), now.minus(Duration.ofDays(1)));
        window(jdbc, "measured", now.minus(Duration.ofDays(35)), now.minus(Duration.ofDays(21)));
        jdbc.sql("""
                update measurement set measured_at = ?, treatment_size = 2000, holdout_size = 200, treatment_buyers = 360,
                    holdout_buyers = 20, incremental_lift = 0.8, lift_low = 0.25, lift_high = 1.35, lift_p_value = 0.0004,
                    incremental_revenue = 12000.00, incremental_revenue_low = 5000.00, incremental_revenue_high = 19000.00,
                    contribution_margin = 5300.00, contribution_margin_low = -1700.00, contribution_margin_high = 12300.00,
                    verdict = 'LIFT' where campaign_id = 'measured'""").param(Timestamp.from(now.minus(Duration.ofDays(20)))).update();
        // the list reads no measurement record of its own: the measurement service is not asked
        CampaignResults results = new CampaignResults(jdbc, campaigns, null);

        List<ResultSummary> all = results.list(new CampaignResults.Filter(null, null, null, 50));

        assertThat(all).extracting(ResultSummary::id).containsExactly("draft", "rejected", "open", "due", "measured");
        Map<String, ResultSummary> byId = all.stream().collect(Collectors.toMap(ResultSummary::id, Function.identity()));
        assertThat(byId.get("draft").headline().state()).isEqualTo("NOT_SCHEDULED");
        assertThat(byId.get("rejected").headline().state()).isEqualTo("NOT_SCHEDULED");
        assertThat(byId.get("open").headline().state()).isEqualTo("WINDOW_OPEN");
        assertThat(byId.get("open").headline().verdict()).isNull();
        assertThat(byId.get("due").headline().state()).isEqualTo("AWAITING_MEASUREMENT");
        ResultSummary measured = byId.get("measured");
        assertThat(measured.channels()).containsExactly("email", "sms");
        assertThat(measured.title()).isEqualTo("Campaign measured");
        ResultSummary.Headline headline = measured.headline();
        assertThat(headline.state()).isEqualTo("MEASURED");
        assertThat(headline.verdict()).isEqualTo("LIFT");
        assertThat(headline.conversionLift()).isEqualTo(new Estimate(new BigDecimal("0.8000"),
                new BigDecimal("0.2500"), new BigDecimal("1.3500")));
        // 12,000 over 2,000 treatment customers
        assertThat(headline.revenuePerCustomer().estimate()).isEqualByComparingTo("6.00");
        assertThat(headline.revenuePerCustomer().low()).isEqualByComparingTo("2.50");
        assertThat(headline.revenuePerCustomer().high()).isEqualByComparingTo("9.50");
        assertThat(headline.contribution().low()).isEqualByComparingTo("-1700.00");

        assertThat(results.list(new CampaignResults.Filter(CampaignStatus.PUBLISHED, null, null, 50)))
                .extracting(ResultSummary::id).containsExactly("open", "due", "measured");
        // registered from 21 days ago up to (not including) 2.5 days ago
        assertThat(results.list(new CampaignResults.Filter(null, now.minus(Duration.ofDays(21)), now.minus(Duration.ofHours(60)), 50)))
                .extracting(ResultSummary::id).containsExactly("open", "due");
        assertThat(results.list(new CampaignResults.Filter(null, null, null, 2))).extracting(ResultSummary::id)
                .containsExactly("draft", "rejected");
    }

    private static void campaign(JdbcClient jdbc, CampaignRepository campaigns, String id, CampaignStatus status, Instant registered) {
        campaigns.insert(new Campaign(id, "event-" + id, "OVERSTOCK", "Campaign " + id, "north", "outdoor", List.of("TENT-1"), 20,
                List.of(Channel.EMAIL, Channel.SMS), "all", null, CampaignStatus.RUNNING, null, null, null, "test", null, null, null));
        if (status != CampaignStatus.RUNNING) {
            campaigns.end(id, status, "ended by the test");
        }
        jdbc.sql("update campaign set created_at = ? where id = ?").params(Timestamp.from(registered), id).update();
    }

    private static void window(JdbcClient jdbc, String id, Instant from, Instant to) {
        jdbc.sql("insert into measurement (campaign_id, scheduled_at, window_ends_at) values (?, ?, ?)")
                .params(id, Timestamp.from(from), Timestamp.from(to)).update();
    }
}
