package io.campaignpilot.audience;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.campaign.CampaignStatus;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.catalog.Catalog;
import io.campaignpilot.dev.TestDatabases;
import io.campaignpilot.retailer.RetailerLoader;
import io.campaignpilot.targeting.ExpectedValues;
import io.campaignpilot.targeting.PropensityModel;
import io.campaignpilot.targeting.PropensityModels;
import io.campaignpilot.targeting.PropensityTraining;
import io.campaignpilot.targeting.PurchaseFeatures;
import io.campaignpilot.targeting.TargetingProperties;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Audiences ranked by expected value (propensity x margin after discount) with a floor, the rule where no model
 * exists, and arbitration between three overlapping campaigns, on a small synthetic retailer.
 */
class TargetedAudienceTest {
    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();
    private static final double FLOOR = 1.00;
    private static HikariDataSource database;
    private static JdbcClient jdbc;
    private static CampaignRepository campaigns;
    private static Audiences audiences;
    private static AudienceSelection selection;
    private static AuditLog audit;
    private static PropensityModel outdoor;
    private static PropensityModels models;
    private static PropensityTraining training;

    @BeforeAll
    static void retailerWithModels() {
        database = TestDatabases.migrated("h2", "targeted-audience");
        jdbc = JdbcClient.create(database);
        JdbcTemplate template = new JdbcTemplate(database);
        new RetailerLoader(template).load(42, 3_000, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        TargetingProperties properties = new TargetingProperties(new BigDecimal("1.00"), Duration.ofDays(30), 0.6, "-");
        PurchaseFeatures features = new PurchaseFeatures(jdbc);
        models = new PropensityModels(jdbc);
        training = new PropensityTraining(features, models, properties,
                new DefaultLockingTaskExecutor(new JdbcTemplateLockProvider(database)));
        outdoor = training.train("outdoor", Instant.now()).orElseThrow();
        training.train("home", Instant.now()).orElseThrow();

        campaigns = new CampaignRepository(jdbc);
        FrequencyCap cap = new FrequencyCap(3, Duration.ofDays(7));
        audiences = new Audiences(jdbc, template, new AudienceProperties(10), cap);
        audit = new AuditLog(jdbc, JSON, TestDatabases.transactions(database));
        selection = new AudienceSelection(campaigns, audiences, audit,
                new ControlGroup(jdbc, new ControlGroupProperties(BigDecimal.ZERO, "-")),
                new ExpectedValues(new Catalog(jdbc, event -> { }), features, models, properties),
                new Arbitration(jdbc, template, cap, TestDatabases.transactions(database)));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static void campaign(String id, String region, String category, String sku, int discount) {
        campaigns.insert(new Campaign(id, "event-" + id, "OVERSTOCK", id, region, category, List.of(sku), discount,
                List.of(Channel.EMAIL), "all", null, CampaignStatus.RUNNING, "LOW", null, null, "test", null, null, null));
    }

    private static int regionSize(String region) {
        return jdbc.sql("select count(*) from customer where region = ?").param(region).query(Integer.class).single();
    }

    @Test
    void aModelRanksTheAudienceByExpectedValueAndLeavesOutThoseUnderTheFloor() {
        campaign("ranked", "north", "outdoor", "SYN-OUTDOOR-1", 10);

        AudienceSummary summary = selection.select("ranked");

        int selected = summary.treatment() + summary.holdout();
        assertThat(selected).isPositive().isLessThan(regionSize("north"));
        assertThat(jdbc.sql("select min(expected_value) from audience_member where campaign_id = 'ranked'")
                .query(Double.class).single()).isGreaterThanOrEqualTo(FLOOR);
        // the holdout is drawn from the ranked audience, so measurement still compares like with like
        assertThat(summary.holdout()).isBetween(selected / 10 - 2, selected / 10 + 2);
        String detail = detailOf("ranked", "AUDIENCE_SELECTED");
        assertThat(detail).contains("\"targeting\":\"EXPECTED_VALUE\"", "\"propensityModelVersion\":" + outdoor.version(),
                "\"propensityModelAuc\":" + outdoor.auc(), "\"expectedValueFloor\":1.0", "belowFloor");
        assertThat(audiences.targeting("ranked")).get().satisfies(t -> {
            assertThat(t.targeting()).isEqualTo("EXPECTED_VALUE");
            assertThat(t.propensityModelVersion()).isEqualTo(outdoor.version());
            assertThat(t.propensityModelAuc()).isEqualTo(outdoor.auc());
            assertThat(t.expectedValueFloor()).isEqualTo(FLOOR);
            assertThat(t.basis()).contains("propensity model " + outdoor.version() + " for outdoor (AUC 0.");
        });
    }

    @Test
    void withoutAModelForTheCategoryTheRuleSelectsAsBeforeAndTheEvidenceSaysSo() {
        // a category nobody has bought in yet: no model can exist for it, whichever test runs first
        jdbc.sql("""
                insert into product (sku, name, brand, category, price, unit_cost, stock, regulated, description)
                values ('GIFT-1', 'Gift card', 'Synthetic', 'gift-cards', 25.00, 24.00, 1000, false, 'A gift card')""").update();
        campaign("rule", "east", "gift-cards", "GIFT-1", 0);

        AudienceSummary summary = selection.select("rule");

        assertThat(summary.treatment() + summary.holdout()).isEqualTo(regionSize("east"));
        assertThat(jdbc.sql("select count(*) from audience_member where campaign_id = 'rule' and expected_value is not null")
                .query(Integer.class).single()).isZero();
        assertThat(detailOf("rule", "AUDIENCE_SELECTED")).contains("\"targeting\":\"RULE\"",
                "no propensity model for gift-cards");
        assertThat(audiences.targeting("rule")).get().satisfies(t -> {
            assertThat(t.targeting()).isEqualTo("RULE");
            assertThat(t.propensityModelVersion()).isNull();
            assertThat(t.basis()).contains("no propensity model for gift-cards");
        });
    }

    @Test
    void aCustomerInThreeOverlappingCampaignsReceivesOnlyTheOneWithTheHighestExpectedValue() {
        campaign("tent", "south", "outdoor", "SYN-OUTDOOR-3", 20);
        campaign("duvet", "south", "home", "SYN-HOME-3", 0);
        campaign("chair", "south", "outdoor", "SYN-OUTDOOR-1", 10);
        List<String> three = List.of("tent", "duvet", "chair");
        three.forEach(selection::select);
        selection.select("tent"); // a retried step arbitrates afresh, to the same result

        record Row(String campaign, long customer, double value, String to, String reason) {
        }
        Map<Long, List<Row>> byCustomer = new HashMap<>();
        jdbc.sql("select campaign_id, customer_id, expected_value, arbitrated_to, arbitration_reason from audience_member "
                        + "where campaign_id in ('tent', 'duvet', 'chair') and holdout = false")
                .query((rs, i) -> new Row(rs.getString(1), rs.getLong(2), rs.getDouble(3), rs.getString(4), rs.getString(5)))
                .list().forEach(row -> byCustomer.computeIfAbsent(row.customer(), c -> new java.util.ArrayList<>()).add(row));
        long contested = byCustomer.values().stream().filter(rows -> rows.size() > 1).count();
        assertThat(contested).isGreaterThan(50);
        assertThat(byCustomer.values().stream().filter(rows -> rows.size() == 3).count()).isPositive();
        for (List<Row> rows : byCustomer.values()) {
            Row best = rows.stream().max(java.util.Comparator.comparingDouble(Row::value)).orElseThrow();
            List<Row> receiving = rows.stream().filter(r -> r.to() == null).toList();
            assertThat(receiving).as("customer %s", best.customer()).containsExactly(best);
            rows.stream().filter(r -> r != best).forEach(lost -> {
                assertThat(lost.to()).isEqualTo(best.campaign());
                assertThat(lost.reason()).startsWith("arbitrated away: campaign " + best.campaign())
                        .contains("higher expected value", "within the frequency cap (3 contacts within 7 days)");
            });
        }
        // and publishing reaches each customer for one campaign only
        Set<Long> reached = new HashSet<>();
        for (String id : three) {
            for (Customer customer : audiences.recipients(id, Channel.EMAIL)) {
                assertThat(reached.add(customer.id())).as("customer %s reached twice", customer.id()).isTrue();
            }
        }
        assertThat(three.stream().mapToInt(id -> audiences.targeting(id).orElseThrow().arbitratedAway()).sum())
                .isEqualTo((int) byCustomer.values().stream().mapToLong(rows -> rows.size() - 1).sum());
        assertThat(detailOf("duvet", "AUDIENCE_ARBITRATED") + detailOf("tent", "AUDIENCE_ARBITRATED")).contains("arbitratedAway");
    }

    @Test
    void aSelectionWaitsOnlyForSelectionsInItsOwnRegion() throws Exception {
        campaign("lamp-west", "west", "outdoor", "SYN-OUTDOOR-1", 10);
        campaign("stool-west", "west", "outdoor", "SYN-OUTDOOR-2", 10);
        campaign("grill-east", "east", "outdoor", "SYN-OUTDOOR-3", 10);
        TransactionTemplate transactions = TestDatabases.transactions(database);
        CountDownLatch westSelected = new CountDownLatch(1);
        CountDownLatch commitWest = new CountDownLatch(1);
        ExecutorService steps = Executors.newFixedThreadPool(3);
        try {
            // a west selection whose step has not committed yet holds the west region
            Future<?> first = steps.submit(() -> transactions.executeWithoutResult(tx -> {
                selection.select("lamp-west");
                westSelected.countDown();
                await(commitWest);
            }));
            assertThat(westSelected.await(60, TimeUnit.SECONDS)).isTrue();

            Future<AudienceSummary> east = steps.submit(() -> transactions.execute(tx -> selection.select("grill-east")));
            Future<AudienceSummary> secondWest = steps.submit(() -> transactions.execute(tx -> selection.select("stool-west")));
            assertThat(east.get(60, TimeUnit.SECONDS).treatment()).as("another region's selection goes ahead").isPositive();
            Thread.sleep(300);
            assertThat(secondWest).as("the region's next selection waits for the first to commit").isNotDone();

            commitWest.countDown();
            first.get(60, TimeUnit.SECONDS);
            secondWest.get(60, TimeUnit.SECONDS);
            // and then saw the first one's audience: every customer both want went to one of them
            assertThat(jdbc.sql("""
                    select count(*) from audience_member a join audience_member b on b.customer_id = a.customer_id
                    where a.campaign_id = 'lamp-west' and b.campaign_id = 'stool-west' and a.holdout = false and b.holdout = false
                      and a.arbitrated_to is null and b.arbitrated_to is null""").query(Integer.class).single()).isZero();
        } finally {
            commitWest.countDown();
            steps.shutdownNow();
            // these campaigns end here, so they contest no other test's audiences
            jdbc.sql("update campaign set status = 'PUBLISHED' where id in ('lamp-west', 'stool-west', 'grill-east')").update();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theNightlyRetrainingGivesEveryCategoryWithBuyersAModelAndKeepsEarlierVersions() {
        List<String> categories = jdbc.sql("select distinct category from product where sku like 'SYN-%' order by category")
                .query(String.class).list();
        int before = models.all().size();

        training.retrainAll();

        assertThat(models.all()).hasSize(before + categories.size());
        categories.forEach(category -> assertThat(models.current(category)).get()
                .satisfies(m -> assertThat(m.auc()).isGreaterThan(0.6)));
        assertThat(models.find(outdoor.version())).isPresent();
    }

    private static String detailOf(String campaignId, String kind) {
        return audit.trail(campaignId).stream().filter(e -> e.kind().equals(kind)).map(AuditLog.Entry::detail)
                .reduce((a, b) -> b).orElse("");
    }
}
