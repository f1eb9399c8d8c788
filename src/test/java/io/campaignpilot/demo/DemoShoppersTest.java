package io.campaignpilot.demo;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.campaignpilot.audience.AudienceProperties;
import io.campaignpilot.audience.Audiences;
import io.campaignpilot.audience.FrequencyCap;
import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.campaign.CampaignStatus;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.catalog.Catalog;
import io.campaignpilot.catalog.StockSnapshots;
import io.campaignpilot.dev.TestDatabases;
import io.campaignpilot.measurement.Measurement;
import io.campaignpilot.measurement.MeasurementProperties;
import io.campaignpilot.measurement.MeasurementService;
import io.campaignpilot.measurement.Orders;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's shoppers buy with a known effect, once, and the measurement finds it. */
class DemoShoppersTest {

    @Test
    void aPublishedDemoCampaignGetsOrdersWithAKnownLiftAndAMeasuredResult() {
        try (HikariDataSource database = TestDatabases.migrated("h2", "demo_shoppers")) {
            JdbcClient jdbc = JdbcClient.create(database);
            JsonMapper json = JsonMapper.builder().findAndAddModules().build();
            jdbc.sql("""
                    insert into product (sku, name, brand, category, price, unit_cost, stock, regulated, description)
                    values ('TENT-1', 'Ridge tent', 'Harbor', 'outdoor', 100.00, 40.00, 500, false, 'tent')""").update();
            for (long id = 1; id <= 20_000; id++) {
                jdbc.sql("""
                        insert into customer (id, email, phone, first_name, region, locale, segment, loyalty_tier,
                        consent_email, consent_sms, consent_push, consent_web, consent_social)
                        values (?, ?, '+447000000', 'Sam', 'north', 'en-GB', 'hikers', 'bronze', true, false, false, false, false)""")
                        .params(id, "c" + id + "@example.test").update();
            }
            CampaignRepository campaigns = new CampaignRepository(jdbc);
            campaigns.insert(new Campaign("demo-1", "event-1", "OVERSTOCK", "Tents", "north", "outdoor", List.of("TENT-1"), 20,
                    List.of(Channel.EMAIL), "all", null, CampaignStatus.PUBLISHED, "LOW", null, null, "test", null, null, null));
            Audiences audiences = new Audiences(jdbc, new JdbcTemplate(database), new AudienceProperties(10),
                    new FrequencyCap(3, Duration.ofDays(7)));
            audiences.select("demo-1", "north", "all", customer -> false);
            MeasurementService measurement = new MeasurementService(jdbc, audiences, campaigns, new Catalog(jdbc, e -> { }),
                    new AuditLog(jdbc, json, TestDatabases.transactions(database)), new MeasurementProperties(Duration.ofMinutes(10), Map.of()), json,
                    new StockSnapshots(jdbc, new Catalog(jdbc, e -> { })));
            measurement.schedule("demo-1");
            DemoShoppers shoppers = new DemoShoppers(measurement, campaigns, audiences, new Catalog(jdbc, e -> { }),
                    new Orders(jdbc), new DemoProperties(true, 2400, false, true, false));

            int placed = shoppers.shop();
            assertThat(placed).isBetween(2_000, 2_400);   // 12 % of 18,000 and 8 % of 2,000
            assertThat(shoppers.shop()).as("once per campaign").isZero();
            assertThat(new DemoShoppers(measurement, campaigns, audiences, new Catalog(jdbc, e -> { }), new Orders(jdbc),
                    new DemoProperties(true, 2400, false, true, false)).shop()).as("after a restart, the same orders").isZero();

            Measurement m = measurement.measure("demo-1");
            assertThat(m.confidence().liftLow()).isLessThan(0.5);
            assertThat(m.confidence().liftHigh()).isGreaterThan(0.5);
            assertThat(m.confidence().verdict()).isEqualTo("LIFT");
        }
    }
}
