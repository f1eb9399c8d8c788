package io.campaignpilot.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.intake.Inbox;
import io.campaignpilot.intake.IntakeProperties;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Broker intake against the machine's RabbitMQ (127.0.0.1:5672; .ci/run makes sure it is up), on queues of this JVM's
 * context's own (see CampaignPilotTestSupport): a message sent twice is applied once, a poison message lands in the dead-letter queue with its reason in a
 * header and is listed by the API, a consumer and worker stopped and a connection dropped mid-stream lose nothing and
 * apply nothing twice, and a change that arrives before its product waits for it.
 */
class BrokerIntakeTest extends ApiTestBase {
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @Autowired
    RabbitTemplate template;
    @Autowired
    IntakeProperties settings;
    @Autowired
    Inbox inbox;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CampaignRepository campaigns;
    @Autowired
    CachingConnectionFactory connections;
    @Autowired
    @Qualifier("intakeListenerContainer")
    SimpleMessageListenerContainer listener;
    @Autowired
    @Qualifier("deadLetterContainer")
    SimpleMessageListenerContainer deadLetterRecorder;
    @Autowired
    @Qualifier("inboxWorker")
    SmartLifecycle worker;

    @Test
    void aTriggerSentTwiceStartsOneCampaign() throws Exception {
        String eventId = "amqp-overstock-" + UUID.randomUUID();
        String event = """
                {"eventId": "%s", "type": "OVERSTOCK", "occurredAt": "2026-11-20T09:00:00Z",
                 "skus": ["HP-OUT-004"], "region": "south", "discountPercent": 20, "channels": ["email"]}""".formatted(eventId);
        String messageId = "msg-" + UUID.randomUUID();

        send("triggers", messageId, event);
        send("triggers", messageId, event);          // the broker redelivers, or the sender retries
        send("triggers", "other-" + messageId, event); // a second message for the same event

        awaitApplied(messageId);
        awaitApplied("other-" + messageId);
        assertThat(jdbc.sql("select count(*) from campaign where trigger_event_id = ?").param(eventId).query(Integer.class)
                .single()).as("campaigns for the event").isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from intake_inbox where message_id = ?").param(messageId).query(Integer.class)
                .single()).as("the message kept once").isEqualTo(1);
        assertThat(campaigns.findByTriggerEvent(eventId).orElseThrow().createdBy()).isEqualTo("broker");

        HttpResponse<String> seen = get("/api/intake/inbox/" + messageId, "integration");
        assertThat(seen.statusCode()).as(seen.body()).isEqualTo(200);
        assertThat(json.readTree(seen.body()).path("status").asText()).isEqualTo("APPLIED");
        JsonNode overview = json.readTree(get("/api/intake", "integration").body());
        assertThat(overview.path("enabled").asBoolean()).isTrue();
        assertThat(overview.path("queues").toString()).contains(settings.queuePrefix() + "triggers");
    }

    @Test
    void aPoisonMessageIsSetAsideWithItsReason() throws Exception {
        // the reason travels in a header: read one off the dead-letter queue before the recorder does
        deadLetterRecorder.stop();
        try {
            String unknownType = "poison-" + UUID.randomUUID();
            send("triggers", unknownType, """
                    {"eventId": "e-%s", "type": "NOT_A_TYPE", "occurredAt": "2026-11-20T09:00:00Z", "region": "south",
                     "skus": ["HP-OUT-004"]}""".formatted(unknownType));
            Message dead = template.receive(settings.queuePrefix() + "dead-letter", 30_000);
            assertThat(dead).as("the poison message in the dead-letter queue").isNotNull();
            assertThat(dead.getMessageProperties().getMessageId()).isEqualTo(unknownType);
            Object reason = dead.getMessageProperties().getHeader("x-campaignpilot-reason");
            assertThat(String.valueOf(reason)).contains("type: unknown type NOT_A_TYPE");
            // back where the recorder takes it
            template.send(settings.queuePrefix() + "dead-letter", "dead", dead);
        } finally {
            deadLetterRecorder.start();
        }

        String notJson = "poison-" + UUID.randomUUID();
        send("orders", notJson, "this is not json");
        String badField = "poison-" + UUID.randomUUID();
        send("orders", badField, """
                {"eventId": "o-%s", "customerId": 1, "sku": "HP-OUT-004", "quantity": 0, "revenue": 10,
                 "occurredAt": "2026-11-20T09:00:00Z"}""".formatted(badField));
        template.send(settings.exchange(), "catalog", MessageBuilder.withBody("{}".getBytes(StandardCharsets.UTF_8))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON).build()); // no message id

        CampaignPilotTestSupport.await("four dead letters recorded", PATIENCE, () ->
                jdbc.sql("select count(*) from intake_dead_letter where message_id in (?, ?) or (message_id is null and queue = 'catalog')")
                        .params(notJson, badField).query(Integer.class).single() >= 3
                        && deadLetter("triggers").toString().contains("NOT_A_TYPE"));

        JsonNode orders = deadLetter("orders");
        assertThat(reasonOf(orders, notJson)).startsWith("body: not JSON");
        assertThat(reasonOf(orders, badField)).isEqualTo("quantity: must be a whole number of at least 1");
        assertThat(deadLetter("catalog").toString()).contains("messageId: is required");
        assertThat(inbox.find(notJson)).as("nothing invalid is kept").isEmpty();

        assertThat(get("/api/intake/dead-letters", "mary").statusCode()).isEqualTo(403);
        assertThat(get("/api/intake/dead-letters?queue=nope", "integration").statusCode()).isEqualTo(400);
    }

    @Test
    void aConsumerStoppedAndAConnectionDroppedMidStreamLoseNothingAndApplyNothingTwice() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        int count = 300;
        for (int i = 0; i < count; i++) {
            send("orders", "order-msg-" + run + "-" + i, order(run, i));
            if (i == 100) {
                // a node going away: its consumers and its inbox worker stop while messages keep coming
                listener.stop();
                worker.stop();
            }
            if (i == 180) {
                listener.start();
                worker.start();
            }
            if (i == 240) {
                connections.resetConnection(); // the connection dropped under unacknowledged messages
            }
        }
        // and the sender retries a stretch it is unsure of
        for (int i = 200; i < 250; i++) {
            send("orders", "order-msg-" + run + "-" + i, order(run, i));
        }

        CampaignPilotTestSupport.await("all " + count + " orders applied", PATIENCE, () -> jdbc.sql(
                        "select count(*) from intake_inbox where message_id like ? and status = 'APPLIED'")
                .param("order-msg-" + run + "-%").query(Integer.class).single() == count);
        assertThat(jdbc.sql("select count(*) from order_event where event_id like ?").param("order-" + run + "-%")
                .query(Integer.class).single()).isEqualTo(count);
        assertThat(jdbc.sql("select count(*) from intake_inbox where message_id like ?").param("order-msg-" + run + "-%")
                .query(Integer.class).single()).isEqualTo(count);
    }

    @Test
    void aChangeThatArrivesBeforeItsProductWaitsForIt() throws Exception {
        String sku = "EARLY-" + UUID.randomUUID().toString().substring(0, 8);
        String messageId = "catalog-" + sku;
        send("catalog", messageId, """
                {"sku": "%s", "price": 12.50, "stockByRegion": {"south": 40}, "occurredAt": "2026-11-20T09:00:00Z"}"""
                .formatted(sku));

        CampaignPilotTestSupport.await("the early change tried and waiting", PATIENCE, () ->
                inbox.find(messageId).filter(e -> e.attempts() >= 1 && e.status() == Inbox.Status.PENDING).isPresent());
        assertThat(inbox.find(messageId).orElseThrow().lastError()).contains(sku + " is not in the catalog yet");

        jdbc.sql("""
                insert into product (sku, name, brand, category, price, unit_cost, stock, regulated, description)
                values (?, 'Early bird flask', 'Trailhead', 'outdoor', 15.00, 6.00, 100, false, 'A flask.')""")
                .param(sku).update();

        awaitApplied(messageId);
        assertThat(jdbc.sql("select price from product where sku = ?").param(sku).query(java.math.BigDecimal.class).single())
                .isEqualByComparingTo("12.50");
        assertThat(jdbc.sql("select units from product_stock where sku = ? and region = 'south'").param(sku)
                .query(Integer.class).single()).isEqualTo(40);

        String unknownRegion = "catalog-bad-" + sku;
        send("catalog", unknownRegion, """
                {"sku": "%s", "stockByRegion": {"atlantis": 1}, "occurredAt": "2026-11-20T09:00:00Z"}""".formatted(sku));
        CampaignPilotTestSupport.await("the unknown region dead-lettered", PATIENCE, () ->
                reasonOf(deadLetter("catalog"), unknownRegion) != null);
        assertThat(reasonOf(deadLetter("catalog"), unknownRegion)).startsWith("stockByRegion.atlantis: is not one of the regions");
    }

    @Test
    void anOperatorReplaysADeadLetterAndRetriesAFailedMessageOnceTheCauseIsFixed() throws Exception {
        String sku = "LATE-" + UUID.randomUUID().toString().substring(0, 8);
        String eventId = "amqp-late-" + sku;
        String messageId = "late-" + sku;
        send("triggers", messageId, """
                {"eventId": "%s", "type": "BACK_IN_STOCK", "occurredAt": "2026-11-20T09:00:00Z", "skus": ["%s"],
                 "region": "south", "channels": ["email"]}""".formatted(eventId, sku));
        CampaignPilotTestSupport.await("the trigger for an unknown product dead-lettered", PATIENCE, () ->
                reasonOf(deadLetter("triggers"), messageId) != null);
        assertThat(reasonOf(deadLetter("triggers"), messageId)).contains("unknown SKU " + sku);
        long id = idOf(deadLetter("triggers"), messageId);

        // the PIM's product arrives late; the operator replays the trigger
        jdbc.sql("""
                insert into product (sku, name, brand, category, price, unit_cost, stock, regulated, description)
                values (?, 'Late lantern', 'Trailhead', 'outdoor', 30.00, 12.00, 80, false, 'A lantern.')""").param(sku).update();
        assertThat(post("/api/intake/dead-letters/" + id + "/replay", "integration", "").statusCode()).isEqualTo(403);
        HttpResponse<String> replayed = post("/api/intake/dead-letters/" + id + "/replay", "owen", "");
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        assertThat(json.readTree(replayed.body()).path("replayedBy").asText()).isEqualTo("owen");
        awaitApplied(messageId);
        assertThat(campaigns.findByTriggerEvent(eventId)).isPresent();
        assertThat(post("/api/intake/dead-letters/" + id + "/replay", "owen", "").statusCode()).as("once").isEqualTo(409);
        assertThat(post("/api/intake/dead-letters/999999999/replay", "owen", "").statusCode()).isEqualTo(404);

        // a message whose tries were spent is tried again from the start
        String run = UUID.randomUUID().toString().substring(0, 8);
        String failed = "failed-" + run;
        jdbc.sql("""
                insert into intake_inbox (message_id, queue, body, status, attempts, received_at, next_attempt_at, last_error)
                values (?, 'orders', ?, 'FAILED', 30, current_timestamp, current_timestamp, 'the database was away')""")
                .params(failed, order(run, 0)).update();
        assertThat(post("/api/intake/inbox/" + failed + "/retry", "owen", "").statusCode()).isEqualTo(200);
        awaitApplied(failed);
        assertThat(post("/api/intake/inbox/" + failed + "/retry", "owen", "").statusCode()).as("applied already").isEqualTo(409);
    }

    private static long idOf(JsonNode deadLetters, String messageId) {
        for (JsonNode letter : deadLetters) {
            if (messageId.equals(letter.path("messageId").asText())) {
                return letter.path("id").asLong();
            }
        }
        throw new AssertionError("no dead letter " + messageId);
    }

    private void send(String queue, String messageId, String body) {
        template.send(settings.exchange(), queue, MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
                .setMessageId(messageId).setContentType(MessageProperties.CONTENT_TYPE_JSON).build());
    }

    private static String order(String run, int i) {
        return """
                {"eventId": "order-%s-%d", "customerId": %d, "sku": "HP-OUT-004", "quantity": 1, "revenue": 24.99,
                 "occurredAt": "2026-11-20T09:00:00Z"}""".formatted(run, i, 1 + i % 50);
    }

    private void awaitApplied(String messageId) {
        CampaignPilotTestSupport.await(messageId + " applied", PATIENCE, () ->
                inbox.find(messageId).filter(e -> e.status() == Inbox.Status.APPLIED).isPresent());
    }

    private JsonNode deadLetter(String queue) {
        try {
            HttpResponse<String> answer = get("/api/intake/dead-letters?queue=" + queue, "integration");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            return json.readTree(answer.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String reasonOf(JsonNode deadLetters, String messageId) {
        for (JsonNode letter : deadLetters) {
            if (messageId.equals(letter.path("messageId").asText())) {
                return letter.path("reason").asText();
            }
        }
        return null;
    }
}
