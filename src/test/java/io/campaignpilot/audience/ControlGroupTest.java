package io.campaignpilot.audience;

import com.zaxxer.hikari.HikariDataSource;
import io.campaignpilot.dev.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The global control group: a share of customers no campaign contacts, new members each period, every period kept. */
class ControlGroupTest {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aShareIsHeldBackFromEveryCampaignAndReshufflingDrawsNewMembers(String kind) {
        try (HikariDataSource database = TestDatabases.migrated(kind, "control_group")) {
            JdbcClient jdbc = JdbcClient.create(database);
            ControlGroup group = new ControlGroup(jdbc, new ControlGroupProperties(new BigDecimal("5"), "0 0 3 1 * *"));

            ControlGroup.Period first = group.current();
            assertThat(group.current()).as("the same period on every call").isEqualTo(first);
            List<Long> heldBack = LongStream.rangeClosed(1, 20_000).filter(first::holdsBack).boxed().toList();
            assertThat(heldBack.size()).isBetween(800, 1_200);

            ControlGroup.Period second = group.reshuffle();
            assertThat(second.id()).isEqualTo(first.id() + 1);
            assertThat(second.seed()).isNotEqualTo(first.seed());
            long stillHeldBack = heldBack.stream().filter(second::holdsBack).count();
            assertThat(stillHeldBack).as("a new draw: about 5 % of the old members again").isLessThan(120);
            // a reshuffle cut short after closing the period: the next use opens a new one rather than failing
            jdbc.sql("update control_group_period set ends_at = current_timestamp where ends_at is null").update();
            ControlGroup.Period reopened = group.current();
            assertThat(reopened.id()).isEqualTo(3);
            jdbc.sql("delete from control_group_period where id = 3").update();
            jdbc.sql("update control_group_period set ends_at = null where id = 2").update();
            assertThat(group.periods()).hasSize(2).first().satisfies(p -> {
                assertThat(p.endsAt()).isNotNull();
                assertThat(p.holdsBack(heldBack.getFirst())).as("who was held back then can still be told").isTrue();
            });

            // a campaign's audience leaves the period's control group out
            for (long id = 1; id <= 400; id++) {
                jdbc.sql("""
                        insert into customer (id, email, phone, first_name, region, locale, segment, loyalty_tier,
                        consent_email, consent_sms, consent_push, consent_web, consent_social)
                        values (?, ?, '+447000000', 'Sam', 'north', 'en-GB', 'hikers', 'bronze', true, false, false, false, false)""")
                        .params(id, "c" + id + "@example.test").update();
            }
            Audiences audiences = new Audiences(jdbc, new JdbcTemplate(database), new AudienceProperties(10),
                    new FrequencyCap(3, Duration.ofDays(7)));
            AudienceSummary summary = audiences.select("campaign-1", "north", "all", second::holdsBack);
            long controls = LongStream.rangeClosed(1, 400).filter(second::holdsBack).count();
            assertThat(controls).isPositive();
            assertThat(summary.treatment() + summary.holdout()).isEqualTo(400 - controls);
            assertThat(jdbc.sql("select customer_id from audience_member where campaign_id = 'campaign-1'")
                    .query(Long.class).list()).noneMatch(second::holdsBack);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2"})
    void aShareOfZeroHoldsBackNobody(String kind) {
        try (HikariDataSource database = TestDatabases.migrated(kind, "control_group_off")) {
            ControlGroup group = new ControlGroup(JdbcClient.create(database),
                    new ControlGroupProperties(BigDecimal.ZERO, "0 0 3 1 * *"));
            assertThat(LongStream.rangeClosed(1, 10_000).filter(group.current()::holdsBack).count()).isZero();
        }
    }
}
