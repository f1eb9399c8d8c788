package io.campaignpilot.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignpilot.audience.ControlGroup;
import io.campaignpilot.detection.EventDetection;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Detection on planted data, in categories of the test's own: an overstocked product, one that comes back in stock where
 * customers were buying it and a category converting worse than it did are each detected once and start one campaign
 * each; a product that sells as it should, a steady category and a clean one start nothing.
 */
class EventDetectionTest extends ApiTestBase {
    @Autowired
    EventDetection detection;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationContext context;
    @Autowired
    ControlGroup controlGroup;

    @Test
    void plantedOverstockAndBackInStockAreDetectedOnceAndACleanControlIsNot() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String category = "detect-" + run;
        String overstocked = "DET-OVER-" + run;
        String healthy = "DET-OK-" + run;
        String restocked = "DET-BACK-" + run;
        Instant now = Instant.now();
        product(overstocked, category, 400);
        product(healthy, category, 100);
        product(restocked, category, 0);
        allocate(overstocked, 400);
        allocate(healthy, 100);
        allocate(restocked, 0);
        List<Long> southerners = jdbc.sql("select id from customer where region = 'south' order by id limit 12")
                .query(Long.class).list();
        orders(overstocked, southerners.subList(0, 2), 1, now.minus(Duration.ofDays(5)));   // 2 in 4 weeks: 800 weeks of cover
        orders(healthy, southerners.subList(0, 10), 4, now.minus(Duration.ofDays(3)));      // 40 in 4 weeks: 10 weeks
        orders(restocked, southerners.subList(2, 8), 1, now.minus(Duration.ofDays(40)));    // 6 buyers waiting

        EventDetection.Pass first = detection.run(now, category);
        assertThat(withoutLoyalty(first)).singleElement().satisfies(f -> {
            assertThat(f.eventId()).startsWith("overstock:" + overstocked + ":south:");
            assertThat(f.outcome()).isEqualTo(EventDetection.Outcome.STARTED);
            assertThat(f.reason()).contains("weeks of cover in the south (400 units; 2 sold in 28 days)");
        });
        String overstockCampaign = withoutLoyalty(first).getFirst().campaignId();
        assertThat(jdbc.sql("select created_by from campaign where id = ?").param(overstockCampaign).query(String.class)
                .single()).isEqualTo("detection");

        // the product comes back; the overstock's campaign is still running, so it is not found again
        jdbc.sql("update product set stock = 30 where sku = ?").param(restocked).update();
        jdbc.sql("update product_stock set units = 30 where sku = ? and region = 'south'").param(restocked).update();
        EventDetection.Pass second = detection.run(now.plusSeconds(60), category);
        assertThat(withoutLoyalty(second)).singleElement().satisfies(f -> {
            assertThat(f.eventId()).isEqualTo("back-in-stock:" + restocked + ":south:" + now.plusSeconds(60).toString().substring(0, 10));
            assertThat(f.outcome()).isEqualTo(EventDetection.Outcome.STARTED);
            assertThat(f.reason()).contains("6 customers there bought it");
        });

        // later passes find it again, and start nothing more
        EventDetection.Pass third = detection.run(now.plusSeconds(120), category);
        assertThat(withoutLoyalty(third)).extracting(EventDetection.Finding::outcome).containsOnly(EventDetection.Outcome.ALREADY_STARTED);
        assertThat(jdbc.sql("select count(*) from campaign where category = ?").param(category).query(Integer.class).single())
                .isEqualTo(2);

        // a clean category: stock that sells
        String clean = "clean-" + run;
        product("DET-CLEAN-" + run, clean, 60);
        allocate("DET-CLEAN-" + run, 60);
        orders("DET-CLEAN-" + run, southerners, 5, now.minus(Duration.ofDays(2)));
        assertThat(withoutLoyalty(detection.run(now, clean))).isEmpty();
    }

    @Test
    void aCategoryConvertingWorseThanItsTrailingWeeksIsDetectedOnceAndASteadyOneIsNot() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String dropping = "conv-" + run;
        String steady = "steady-" + run;
        Instant now = Instant.now();
        product("DET-CONV-" + run, dropping, 10);
        product("DET-STEADY-" + run, steady, 10);
        List<Long> southerners = jdbc.sql("select id from customer where region = 'south' order by id limit 20")
                .query(Long.class).list();
        // four weeks before: 10 % of 400 sessions ordered; this week 3 % of 100 in one, 10 % in the other
        for (int week = 1; week <= 4; week++) {
            Instant at = now.minus(Duration.ofDays(7L * week + 3));
            sessions(dropping, southerners, 100, at);
            sessions(steady, southerners, 100, at);
            orders("DET-CONV-" + run, southerners.subList(0, 10), 1, at);
            orders("DET-STEADY-" + run, southerners.subList(0, 10), 1, at);
        }
        Instant thisWeek = now.minus(Duration.ofDays(2));
        sessions(dropping, southerners, 100, thisWeek);
        sessions(steady, southerners, 100, thisWeek);
        orders("DET-CONV-" + run, southerners.subList(0, 3), 1, thisWeek);
        orders("DET-STEADY-" + run, southerners.subList(0, 10), 1, thisWeek);

        EventDetection.Pass pass = detection.run(now, dropping);
        assertThat(withoutLoyalty(pass)).singleElement().satisfies(f -> {
            assertThat(f.eventId()).startsWith("conversion-drop:" + dropping + ":south:");
            assertThat(f.outcome()).isEqualTo(EventDetection.Outcome.STARTED);
            assertThat(f.reason()).contains("converted 3.0 % of 100 sessions in the south this week, against 10.0 %");
        });
        assertThat(withoutLoyalty(detection.run(now.plusSeconds(60), dropping))).as("its campaign is running").isEmpty();
        assertThat(withoutLoyalty(detection.run(now, steady))).isEmpty();
    }

    @Test
    void customersCrossingALoyaltyMilestoneAreThankedByNameOnceEach() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String category = "loyal-" + run;
        String sku = "DET-LOY-" + run;
        product(sku, category, 40);   // under the overstock rule's 50 units: this test is about loyalty alone
        allocate(sku, 40);
        // customers of the test's own in the south, in a segment of their own, with no history but what is planted here
        List<Long> loyal = new CampaignFixtures(context).customers("south", "loyal-" + run, 7, "Ada", "Ben", "Cleo");
        Instant now = Instant.now();
        Instant monthAgo = now.minus(Duration.ofDays(30));
        Instant twoDaysAgo = now.minus(Duration.ofDays(2));
        List<Long> fifthOrder = loyal.subList(0, 4);
        long crossedLongAgo = loyal.get(4);
        long notYet = loyal.get(5);
        long bigSpender = loyal.get(6);
        for (int i = 0; i < 4; i++) {
            orders(sku, fifthOrder, 1, monthAgo.plusSeconds(i));
        }
        orders(sku, fifthOrder, 1, twoDaysAgo);                                   // 4 -> 5 orders this week
        for (int i = 0; i < 6; i++) {
            orders(sku, List.of(crossedLongAgo), 1, monthAgo.plusSeconds(i));
        }
        orders(sku, List.of(crossedLongAgo), 1, twoDaysAgo);                      // 6 -> 7: the 5th was a month ago
        for (int i = 0; i < 3; i++) {
            orders(sku, List.of(notYet), 1, monthAgo.plusSeconds(i));
        }
        orders(sku, List.of(notYet), 1, twoDaysAgo);                              // 3 -> 4: short of the 5th
        order(sku, bigSpender, 540, twoDaysAgo);                                  // 0 -> 540 points

        EventDetection.Pass first = detection.run(now, category);
        String today = now.toString().substring(0, 10);
        assertThat(first.findings()).extracting(EventDetection.Finding::eventId).containsExactlyInAnyOrder(
                "loyalty:orders-5:south:" + category + ":" + today, "loyalty:points-500:south:" + category + ":" + today);
        assertThat(first.findings()).allSatisfy(f -> assertThat(f.outcome()).isEqualTo(EventDetection.Outcome.STARTED));
        EventDetection.Finding orders = first.findings().stream().filter(f -> f.eventId().contains(":orders-5:")).findFirst().orElseThrow();
        assertThat(orders.reason()).isEqualTo("4 customers in the south reached their 5th order in the last 7 days; "
                + category + " is the favourite category of most of them");
        assertThat(named(orders.campaignId())).containsExactlyElementsOf(fifthOrder);
        String pointsCampaign = first.findings().stream().filter(f -> f.eventId().contains(":points-500:")).findFirst()
                .orElseThrow().campaignId();
        assertThat(named(pointsCampaign)).containsExactly(bigSpender);
        assertThat(jdbc.sql("select title from campaign where id = ?").param(orders.campaignId()).query(String.class).single())
                .isEqualTo("Loyalty milestone: 5th order (south)");
        assertThat(jdbc.sql("select category from campaign where id = ?").param(orders.campaignId()).query(String.class)
                .single()).as("the offer is on their favourite category").isEqualTo(category);

        // the audience is exactly the named customers, split into treatment and holdout, and the evidence says so
        CampaignPilotTestSupport.await("the milestone campaign's audience", Duration.ofMinutes(2), () ->
                !campaign(orders.campaignId()).path("targeting").isMissingNode()
                        && !campaign(orders.campaignId()).path("targeting").isNull());
        ControlGroup.Period period = controlGroup.current();   // the program's global control group still holds back its own
        assertThat(jdbc.sql("select customer_id from audience_member where campaign_id = ? order by customer_id")
                .param(orders.campaignId()).query(Long.class).list())
                .containsExactlyElementsOf(fifthOrder.stream().filter(id -> !period.holdsBack(id)).toList());
        JsonNode targeting = campaign(orders.campaignId()).path("targeting");
        assertThat(targeting.path("targeting").asText()).isEqualTo("NAMED");
        assertThat(targeting.path("basis").asText()).startsWith("named: the trigger named 4 customers");

        // thanked once: later passes find nobody new, and a customer crossing tomorrow gets tomorrow's campaign
        assertThat(detection.run(now.plusSeconds(60), category).findings()).isEmpty();
        Instant tomorrow = now.plus(Duration.ofDays(1));
        orders(sku, List.of(notYet), 1, tomorrow.minusSeconds(3600));            // 4 -> 5
        EventDetection.Pass next = detection.run(tomorrow, category);
        assertThat(next.findings()).singleElement().satisfies(f -> {
            assertThat(f.eventId()).isEqualTo("loyalty:orders-5:south:" + category + ":" + tomorrow.toString().substring(0, 10));
            assertThat(f.outcome()).isEqualTo(EventDetection.Outcome.STARTED);
            assertThat(named(f.campaignId())).containsExactly(notYet);
        });
    }

    @Test
    void processOwnersRunAPassAndReadTheCalendarOthersMayNot() throws Exception {
        HttpResponse<String> calendar = get("/api/detection", "owen");
        assertThat(calendar.statusCode()).as(calendar.body()).isEqualTo(200);
        JsonNode overview = json.readTree(calendar.body());
        assertThat(overview.path("calendarProblems")).isEmpty();
        assertThat(overview.path("seasons").size()).isPositive();
        assertThat(get("/api/detection", "mary").statusCode()).isEqualTo(403);

        String empty = "none-" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> pass = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/detection/run?category=" + empty)).header("Authorization", basic("owen"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(pass.statusCode()).as(pass.body()).isEqualTo(200);
        assertThat(json.readTree(pass.body()).path("findings")).isEmpty();
        assertThat(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/detection/run"))
                .header("Authorization", basic("ada")).POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode())
                .isEqualTo(403);
    }

    private void product(String sku, String category, int stock) {
        jdbc.sql("""
                insert into product (sku, name, brand, category, price, unit_cost, stock, regulated, description)
                values (?, ?, 'Harbor & Pine', ?, 30.00, 12.00, ?, false, 'A product planted by a detection test.')""")
                .params(sku, "Planted " + sku, category, stock).update();
    }

    /** All of it in the south, none elsewhere. */
    private void allocate(String sku, int south) {
        for (String region : List.of("north", "south", "east", "west")) {
            jdbc.sql("insert into product_stock (sku, region, units) values (?, ?, ?)")
                    .params(sku, region, region.equals("south") ? south : 0).update();
        }
    }

    /** {@code count} sessions browsing the category, spread over the customers. */
    private void sessions(String category, List<Long> customers, int count, Instant at) {
        for (int i = 0; i < count; i++) {
            jdbc.sql("insert into shopper_session (customer_id, started_at, channel, category, pages) values (?, ?, 'web', ?, 3)")
                    .params(customers.get(i % customers.size()), Timestamp.from(at.plusSeconds(i)), category).update();
        }
    }

    /** The planted orders on the first southerners can cross a loyalty milestone too: that is the other test's subject. */
    private static List<EventDetection.Finding> withoutLoyalty(EventDetection.Pass pass) {
        return pass.findings().stream().filter(f -> f.type() != io.campaignpilot.trigger.TriggerType.LOYALTY_MILESTONE).toList();
    }

    private List<Long> named(String campaignId) {
        return jdbc.sql("select customer_id from campaign_named_customer where campaign_id = ? order by customer_id")
                .param(campaignId).query(Long.class).list();
    }

    private void order(String sku, long customer, int revenue, Instant at) {
        jdbc.sql("""
                insert into order_event (event_id, kind, customer_id, sku, quantity, revenue, occurred_at)
                values (?, 'ORDER', ?, ?, 1, ?, ?)""")
                .params("det-" + UUID.randomUUID(), customer, sku, revenue, Timestamp.from(at)).update();
    }

    private void orders(String sku, List<Long> customers, int quantity, Instant at) {
        for (Long customer : customers) {
            jdbc.sql("""
                    insert into order_event (event_id, kind, customer_id, sku, quantity, revenue, occurred_at)
                    values (?, 'ORDER', ?, ?, ?, 30.00, ?)""")
                    .params("det-" + UUID.randomUUID(), customer, sku, quantity, Timestamp.from(at)).update();
        }
    }
}
