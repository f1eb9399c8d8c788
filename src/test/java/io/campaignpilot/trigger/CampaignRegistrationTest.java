package io.campaignpilot.trigger;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.campaignpilot.audience.AudienceProperties;
import io.campaignpilot.audience.Audiences;
import io.campaignpilot.audience.FrequencyCap;
import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignMetrics;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.campaign.CampaignStatus;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.catalog.Catalog;
import io.campaignpilot.catalog.Regions;
import io.campaignpilot.dev.TestDatabases;
import io.campaignpilot.web.FieldError;
import io.campaignpilot.web.InvalidInputException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A brief is checked against the catalog, the configured regions and the customers' segments, then registered. */
class CampaignRegistrationTest {
    private HikariDataSource database;
    private JdbcClient jdbc;
    private CampaignRegistration registration;
    private SimpleMeterRegistry meters;

    @BeforeEach
    void retailer() {
        database = TestDatabases.migrated("h2", "registration");
        jdbc = JdbcClient.create(database);
        product("TENT-1", "Ridge tent", "outdoor", 12);
        product("TENT-2", "Dome tent", "outdoor", 40);
        product("TENT-3", "Pop-up tent", "outdoor", 25);
        product("STOVE-1", "Camp stove", "outdoor", 3);
        product("OIL-1", "Olive oil", "grocery", 90);
        jdbc.sql("""
                insert into customer (id, email, phone, first_name, region, locale, segment, loyalty_tier,
                consent_email, consent_sms, consent_push, consent_web, consent_social)
                values (1, 'a@example.test', '+447000001', 'Ann', 'highlands', 'en-GB', 'hikers', 'gold',
                true, true, false, false, false)""").update();
        meters = new SimpleMeterRegistry();
        registration = new CampaignRegistration(new Catalog(jdbc, event -> { }),
                new Regions(List.of("highlands", "lowlands", "islands")),
                new Audiences(jdbc, new JdbcTemplate(database), new AudienceProperties(10), new FrequencyCap(3, Duration.ofDays(7))),
                new CampaignRepository(jdbc),
                new AuditLog(jdbc, JsonMapper.builder().findAndAddModules().build(), TestDatabases.transactions(database)),
                new CampaignMetrics(meters));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aValidBriefPassesAndEveryProblemOfABadOneNamesItsField() {
        assertThat(registration.validate(brief("highlands", List.of("TENT-1"), null, 20, List.of("email", "sms"), "hikers")))
                .isEmpty();

        List<FieldError> errors = registration.validate(new Brief("x".repeat(201), "north", null,
                List.of("TENT-1", " ", "NOPE-9"), 95, List.of("email", "fax"), "skydivers", null));
        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("region", "skus[1]", "skus[2]",
                "discountPercent", "channels[1]", "segment", "title");
        assertThat(reason(errors, "region")).as("the configured regions, not a built-in list")
                .isEqualTo("unknown region north: the retailer trades in highlands, islands, lowlands");
        assertThat(reason(errors, "skus[2]")).contains("NOPE-9");
        assertThat(reason(errors, "segment")).contains("skydivers").contains("hikers");
        assertThat(reason(errors, "channels[1]")).contains("fax");
    }

    @Test
    void aBriefNeedsSkusOrAKnownCategory() {
        assertThat(registration.validate(brief("highlands", List.of(), null, null, null, null)))
                .extracting(FieldError::field).containsExactly("skus");
        assertThat(registration.validate(brief("highlands", List.of(), "furniture", null, null, null)))
                .extracting(FieldError::field).containsExactly("category");
    }

    @Test
    void registeringFillsTheGapsFromTheCatalogAndTheTriggerType() {
        Campaign byCategory = registration.register(brief("islands", List.of(), "outdoor", null, null, null),
                "erp-overstock-1", TriggerType.OVERSTOCK, "token:erp");

        assertThat(byCategory.skus()).as("the best-stocked three of the category").containsExactly("TENT-2", "TENT-3", "TENT-1");
        assertThat(byCategory.discountPercent()).isEqualTo(20);
        assertThat(byCategory.channels()).containsExactly(Channel.EMAIL);
        assertThat(byCategory.segment()).isEqualTo("all");
        assertThat(byCategory.title()).isEqualTo("Overstock: Dome tent (islands)");
        assertThat(byCategory.status()).isEqualTo(CampaignStatus.RUNNING);
        assertThat(byCategory.triggerEventId()).isEqualTo("erp-overstock-1");
        assertThat(jdbc.sql("select kind from audit_event where campaign_id = ?").param(byCategory.id())
                .query(String.class).list()).containsExactly("CAMPAIGN_REGISTERED");
        assertThat(meters.find("campaignpilot.campaigns.started").counters()).isNotEmpty();

        Campaign fromBrief = registration.register(new Brief("  Stoves for spring ", "lowlands", null,
                List.of("STOVE-1", "STOVE-1 "), null, List.of("sms", "email", "sms"), "hikers", "clear stock"),
                null, TriggerType.BRIEF, "mary");
        assertThat(fromBrief.title()).isEqualTo("Stoves for spring");
        assertThat(fromBrief.skus()).containsExactly("STOVE-1");
        assertThat(fromBrief.channels()).containsExactly(Channel.SMS, Channel.EMAIL);
        assertThat(fromBrief.discountPercent()).isZero();
        assertThat(fromBrief.triggerEventId()).isEqualTo("brief-" + fromBrief.id());
    }

    @Test
    void anInvalidBriefIsNeverRegistered() {
        assertThatThrownBy(() -> registration.register(brief("north", List.of("TENT-1"), null, null, null, null),
                "event-1", TriggerType.BACK_IN_STOCK, "token:erp"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).errors()).extracting(FieldError::field)
                        .containsExactly("region"));
        assertThat(jdbc.sql("select count(*) from campaign").query(Integer.class).single()).isZero();
    }

    @Test
    void linkingTheProcessIsRecorded() {
        Campaign c = registration.register(brief("highlands", List.of("OIL-1"), null, 5, null, null), "e-2",
                TriggerType.CONVERSION_DROP, "token:crm");
        Campaign linked = registration.linkProcess(c.id(), "process-42");
        assertThat(linked.id()).isEqualTo(c.id());
        assertThat(new CampaignRepository(jdbc).find(c.id()).orElseThrow().processInstanceId()).isEqualTo("process-42");
        assertThatThrownBy(() -> registration.linkProcess("no-such-campaign", "p")).hasMessageContaining("no campaign");
    }

    private static Brief brief(String region, List<String> skus, String category, Integer discount, List<String> channels,
                               String segment) {
        return new Brief(null, region, category, skus, discount, channels, segment, null);
    }

    private static String reason(List<FieldError> errors, String field) {
        return errors.stream().filter(e -> e.field().equals(field)).findFirst().orElseThrow().reason();
    }

    private void product(String sku, String name, String category, int stock) {
        jdbc.sql("""
                insert into product (sku, name, brand, category, price, unit_cost, stock, regulated, description)
                values (?, ?, 'Harbor', ?, 50.00, 20.00, ?, false, ?)""")
                .params(sku, name, category, stock, name).update();
    }
}
