package io.campaignpilot.audience;

import com.zaxxer.hikari.HikariDataSource;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.dev.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Who a campaign reaches: region and segment, the holdout, erasure, consent per channel and the frequency cap. */
class AudienceSelectionTest {
    /** No global control group: these tests are about the campaign's own split. */
    private static final java.util.function.LongPredicate NOBODY = customer -> false;
    private HikariDataSource database;
    private JdbcClient jdbc;
    private Audiences audiences;

    @BeforeEach
    void customers() {
        database = TestDatabases.migrated("h2", "audience");
        jdbc = JdbcClient.create(database);
        audiences = new Audiences(jdbc, new JdbcTemplate(database), new AudienceProperties(10), new FrequencyCap(3, Duration.ofDays(7)));
        // 400 in the north (half hikers, half cooks), 100 in the south; email consent for even ids, SMS every third
        for (long id = 1; id <= 500; id++) {
            jdbc.sql("""
                    insert into customer (id, email, phone, first_name, region, locale, segment, loyalty_tier,
                    consent_email, consent_sms, consent_push, consent_web, consent_social)
                    values (?, ?, ?, 'Sam', ?, 'en-GB', ?, 'bronze', ?, ?, false, true, false)""")
                    .params(id, "c" + id + "@example.test", "+4470000" + id, id <= 400 ? "north" : "south",
                            id % 2 == 0 ? "hikers" : "cooks", id % 2 == 0, id % 3 == 0)
                    .update();
        }
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void selectsTheRegionAndSegmentAndHoldsOutAReproducibleTenthPerCampaign() {
        AudienceSummary first = audiences.select("campaign-a", "north", "hikers", NOBODY);
        assertThat(first.treatment() + first.holdout()).isEqualTo(200);
        assertThat(first.holdout()).isEqualTo(20);
        List<Long> holdout = audiences.members("campaign-a", true);

        AudienceSummary again = audiences.select("campaign-a", "north", "hikers", NOBODY);
        assertThat(again.holdout()).isEqualTo(first.holdout());
        assertThat(audiences.members("campaign-a", true)).containsExactlyInAnyOrderElementsOf(holdout);

        audiences.select("campaign-b", "north", "hikers", NOBODY);
        assertThat(audiences.members("campaign-b", true)).as("another campaign holds out other customers")
                .isNotEqualTo(holdout);
        assertThat(audiences.members("campaign-a", false)).allMatch(id -> id % 2 == 0 && id <= 400);
    }

    @Test
    void eachSegmentHoldsOutTheSameShare() {
        audiences.select("campaign-s", "north", "all", NOBODY);
        List<Long> holdout = audiences.members("campaign-s", true);
        assertThat(holdout).hasSize(40);
        assertThat(holdout.stream().filter(id -> id % 2 == 0)).as("hikers").hasSize(20);
        assertThat(holdout.stream().filter(id -> id % 2 == 1)).as("cooks").hasSize(20);
    }

    @Test
    void aSmallSegmentIsNotAlwaysRoundedDown() {
        // 5 customers at 10 %: half a customer, so one of them is held out in about half of the campaigns
        List<Long> five = List.of(1L, 2L, 3L, 4L, 5L);
        long withOne = java.util.stream.IntStream.range(0, 2_000)
                .filter(i -> audiences.holdoutOf("campaign-" + i, "north/tiny", five).size() == 1).count();
        assertThat(withOne).isBetween(850L, 1150L);
        assertThat(audiences.holdoutOf("campaign-1", "north/tiny", five))
                .isEqualTo(audiences.holdoutOf("campaign-1", "north/tiny", five));
    }

    @Test
    void allSegmentsMeansTheWholeRegionAndErasedCustomersAreNobodysAudience() {
        jdbc.sql("update customer set erased_at = ? where id in (2, 4, 6)").param(Timestamp.from(Instant.now())).update();
        AudienceSummary all = audiences.select("campaign-c", "north", "all", NOBODY);
        assertThat(all.treatment() + all.holdout()).isEqualTo(397);
        assertThat(audiences.members("campaign-c", false)).doesNotContain(2L, 4L, 6L);
        assertThat(audiences.select("campaign-d", "south", null, NOBODY).treatment() + audiences.summary("campaign-d").holdout())
                .isEqualTo(100);
    }

    @Test
    void aChannelReachesOnlyTheTreatmentCustomersWhoConsentToIt() {
        audiences.select("campaign-e", "north", "all", NOBODY);
        Set<Long> treatment = new HashSet<>(audiences.members("campaign-e", false));
        List<Long> email = audiences.recipients("campaign-e", Channel.EMAIL).stream().map(Customer::id).toList();
        List<Long> sms = audiences.recipients("campaign-e", Channel.SMS).stream().map(Customer::id).toList();

        assertThat(email).isNotEmpty().allMatch(id -> id % 2 == 0).allMatch(treatment::contains);
        assertThat(sms).isNotEmpty().allMatch(id -> id % 3 == 0).allMatch(treatment::contains);
        assertThat(audiences.recipients("campaign-e", Channel.PUSH)).isEmpty();
        assertThat(audiences.summary("campaign-e").consentedByChannel().get(Channel.EMAIL)).isEqualTo(email.size());
        assertThat(audiences.reach("campaign-e", List.of(Channel.EMAIL, Channel.SMS)))
                .isEqualTo((int) treatment.stream().filter(id -> id % 2 == 0 || id % 3 == 0).count());
    }

    @Test
    void theFrequencyCapCountsOtherCampaignsRecentContactsThatReachedTheCustomer() {
        audiences.select("campaign-f", "north", "all", NOBODY);
        long capped = audiences.members("campaign-f", false).stream().filter(id -> id % 2 == 0).findFirst().orElseThrow();
        long skippedOnly = audiences.members("campaign-f", false).stream().filter(id -> id % 2 == 0 && id != capped)
                .findFirst().orElseThrow();
        long longAgo = audiences.members("campaign-f", false).stream()
                .filter(id -> id % 2 == 0 && id != capped && id != skippedOnly).findFirst().orElseThrow();
        Instant now = Instant.now();
        for (int i = 1; i <= 3; i++) {
            delivery("other-" + i, capped, "SENT", now.minus(Duration.ofDays(1)));
            delivery("other-" + i, skippedOnly, "SKIPPED", now.minus(Duration.ofDays(1)));
            delivery("other-" + i, longAgo, "SENT", now.minus(Duration.ofDays(30)));
        }
        // the campaign's own earlier attempt does not count against it
        delivery("campaign-f", skippedOnly, "SENT", now.minus(Duration.ofHours(1)));

        List<Long> email = audiences.recipients("campaign-f", Channel.EMAIL).stream().map(Customer::id).toList();
        assertThat(email).doesNotContain(capped).contains(skippedOnly, longAgo);
        assertThat(audiences.summary("campaign-f").cappedByChannel().get(Channel.EMAIL)).isEqualTo(1);
        assertThat(audiences.reachedCap("campaign-f", List.of(capped, skippedOnly, longAgo), now))
                .containsOnlyKeys(capped).containsEntry(capped, 3);
        assertThat(audiences.frequencyRule()).isEqualTo("3 contacts within 7 days");
    }

    @Test
    void segmentsAreTheCustomersOwn() {
        assertThat(audiences.segmentExists("hikers")).isTrue();
        assertThat(audiences.segmentExists("all")).isTrue();
        assertThat(audiences.segmentExists("skydivers")).isFalse();
        assertThat(audiences.someSegments(10)).containsExactly("cooks", "hikers");
    }

    private void delivery(String campaignId, long customerId, String status, Instant at) {
        jdbc.sql("""
                insert into delivery (campaign_id, channel, customer_id, address, status, variant_no, created_at, sent_at)
                values (?, 'email', ?, 'x@example.test', ?, 1, ?, ?)""")
                .params(campaignId, customerId, status, Timestamp.from(at), "SENT".equals(status) ? Timestamp.from(at) : null)
                .update();
    }
}
