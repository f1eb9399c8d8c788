package io.campaignpilot.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.dev.EmbeddedSmtp;
import io.campaignpilot.dev.SmtpSink;
import io.campaignpilot.publishing.ChannelDispatcher;
import io.campaignpilot.publishing.Publishing;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static io.campaignpilot.it.CampaignPilotTestSupport.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishing through the outbox on the running application: many campaigns publishing at once leave the API and
 * the health check answering, a refused address fails alone, a relay that is down delays delivery without losing or
 * doubling a message, and a claim that was never answered is not resent.
 */
class PublishingOutboxTest extends ApiTestBase {
    private static final List<String> REGIONS = List.of("north", "south", "east", "west");
    private static final List<String> SEGMENTS = List.of("outdoor-enthusiasts", "home-makers", "foodies", "wellness", "families");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JavaMailSenderImpl mail;

    @Autowired
    ChannelDispatcher dispatcher;

    @Autowired
    Publishing publishing;

    @Autowired
    ApplicationContext context;

    @Test
    void twentyCampaignsPublishAtOnceWhileTheApiKeepsAnswering() throws Exception {
        AtomicBoolean polling = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicLong calls = new AtomicLong();
        AtomicLong slowestMillis = new AtomicLong();
        Thread poller = new Thread(() -> {
            while (polling.get()) {
                for (String path : List.of("/api/campaigns", "/actuator/health")) {
                    long started = System.nanoTime();
                    HttpResponse<String> answer = get(path, "ada");
                    slowestMillis.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
                    calls.incrementAndGet();
                    if (answer.statusCode() != 200) {
                        failures.add(path + " answered " + answer.statusCode() + ": " + answer.body());
                    }
                }
                pause(100);
            }
        }, "api-poller");
        poller.start();
        long started = System.nanoTime();
        List<String> campaignIds = new ArrayList<>();
        try {
            // one campaign per region and segment: twenty small, modest campaigns, nobody in two of them
            for (String region : REGIONS) {
                for (String segment : SEGMENTS) {
                    campaignIds.add(trigger(region, segment, "[\"email\", \"sms\"]"));
                }
            }
            awaitAllPublished(campaignIds, Duration.ofMinutes(6));
        } finally {
            polling.set(false);
            poller.join();
        }
        long emails = jdbc.sql("select count(*) from delivery where channel = 'email' and campaign_id in (:ids)")
                .param("ids", campaignIds).query(Long.class).single();
        System.out.printf("[publishing] 20 campaigns, %d emails published in %d s; %d API calls meanwhile, the slowest "
                        + "took %d ms%n", emails, (System.nanoTime() - started) / 1_000_000_000, calls.get(),
                slowestMillis.get());

        assertThat(failures).isEmpty();
        assertThat(calls.get()).isPositive();
        assertThat(jdbc.sql("""
                        select status, count(*) from delivery where campaign_id in (:ids) group by status order by status""")
                .param("ids", campaignIds).query((rs, i) -> rs.getString(1)).list())
                .as("every delivery reached its end state").containsOnly("SENT");
        assertEachRecipientGotExactlyOneEmail(campaignIds);
        JsonNode view = campaign(campaignIds.getFirst());
        assertThat(view.path("deliveriesByChannel").path("email").asLong()).isPositive();
        assertThat(view.path("deliveriesByChannel").path("sms").asLong()).isPositive();
        assertThat(view.path("deliveryStatusByChannel").path("email").path("SENT").asLong())
                .isEqualTo(view.path("deliveriesByChannel").path("email").asLong());
        assertThat(view.path("deliveryStatusByChannel").path("sms").path("SENT").asLong())
                .isEqualTo(view.path("deliveriesByChannel").path("sms").asLong());
    }

    @Test
    void aRefusedAddressIsSkippedWithItsReasonAndTheRestAreDelivered() {
        // three customers of the audience have a mistyped address before the campaign starts (sending is quick now:
        // changing it afterwards would race the dispatcher); whoever of them is not in the holdout is refused alone
        List<String> audience = leastContactedAudience();
        List<Long> mistyped = jdbc.sql("""
                        select c.id from customer c where c.region = ? and c.segment = ? and c.consent_email = true
                        and c.erased_at is null and (select count(*) from delivery d where d.customer_id = c.id
                            and d.status not in ('SKIPPED', 'BOUNCED', 'WITHDRAWN')) < 2
                        order by c.id limit 8""")
                .params(audience.get(0), audience.get(1)).query(Long.class).list();
        // eight, so the holdout, the control group and the frequency cap never leave none of them to send to
        assertThat(mistyped).hasSize(8);
        Map<Long, String> addresses = new HashMap<>();
        mistyped.forEach(id -> addresses.put(id, jdbc.sql("select email from customer where id = ?").param(id)
                .query(String.class).single()));
        String campaignId;
        try {
            addresses.forEach((id, email) -> jdbc.sql("update customer set email = ? where id = ?")
                    .params(email.replace("@", "@@"), id).update());
            campaignId = trigger(audience.get(0), audience.get(1), "[\"email\"]");
            awaitAllPublished(List.of(campaignId), Duration.ofMinutes(3));
        } finally {
            addresses.forEach((id, email) -> jdbc.sql("update customer set email = ? where id = ?").params(email, id).update());
        }

        List<Map<String, Object>> refused = jdbc.sql("""
                        select customer_id, status, reason from delivery where campaign_id = :campaign
                        and customer_id in (:ids)""")
                .param("campaign", campaignId).param("ids", mistyped).query().listOfRows();
        assertThat(refused).as("not all eight held out or capped").isNotEmpty().allSatisfy(row -> {
            long customer = ((Number) row.get("customer_id")).longValue();
            assertThat(row.get("status")).isEqualTo("SKIPPED");
            assertThat((String) row.get("reason")).startsWith("email to customer " + customer + " was not sent: AddressException")
                    .doesNotContain(addresses.get(customer).substring(0, addresses.get(customer).indexOf('@')));
        });
        assertThat(jdbc.sql("""
                        select count(*) from delivery where campaign_id = :campaign and status <> 'SENT'
                        and customer_id not in (:ids)""")
                .param("campaign", campaignId).param("ids", mistyped).query(Integer.class).single()).isZero();
        long customer = ((Number) refused.getFirst().get("customer_id")).longValue();
        String localPart = addresses.get(customer).substring(0, addresses.get(customer).indexOf('@'));
        assertThat(processInstances(campaignId)).allSatisfy(pi ->
                assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pi).count()).isZero());
        assertEachRecipientGotExactlyOneEmail(List.of(campaignId));
        // recording again (a retried job) adds nobody: the idempotency key is unique
        int deliveries = jdbc.sql("select count(*) from delivery where campaign_id = ?").param(campaignId).query(Integer.class).single();
        assertThat(publishing.record(campaignId, Channel.EMAIL)).isZero();
        assertThat(jdbc.sql("select count(*) from delivery where campaign_id = ?").param(campaignId).query(Integer.class).single())
                .isEqualTo(deliveries);
        // auditors read the reason with the delivery, and the address masked
        JsonNode shown = read(get("/api/campaigns/" + campaignId + "/deliveries", "ada").body());
        assertThat(shown.toString()).contains("SKIPPED", "email to customer " + customer).doesNotContain(localPart);
    }

    @Test
    void whileTheRelayIsDownNothingIsLostAndNothingIsSentTwice() {
        int port = mail.getPort();
        mail.setPort(closedPort());
        String campaignId;
        org.camunda.bpm.engine.runtime.Incident incident;
        try {
            List<String> audience = leastContactedAudience();
            campaignId = trigger(audience.get(0), audience.get(1), "[\"email\", \"sms\"]");
            // three tries, a second apart and doubling here, then an incident on the channel's dispatch
            CampaignPilotTestSupport.await("an incident on the dispatch of " + campaignId, Duration.ofMinutes(3), () ->
                    !incidents(campaignId).isEmpty());
            incident = incidents(campaignId).getFirst();
            System.out.println("[publishing] while the relay is down: " + incident.getIncidentMessage());
            assertThat(incident.getActivityId()).isEqualTo("DispatchDeliveries");
            assertThat(incident.getIncidentType()).isEqualTo("failedExternalTask");
            assertThat(incident.getIncidentMessage())
                    .startsWith("Dispatch deliveries: email could not be sent, the deliveries wait for a retry: ConnectException");
            assertThat(campaign(campaignId).path("campaign").path("status").asText()).isEqualTo("RUNNING");
            assertThat(jdbc.sql("select distinct status from delivery where campaign_id = ? and channel = 'email'")
                    .param(campaignId).query(String.class).list()).containsExactly("PENDING");
            // sms does not wait for email: it goes out while the relay is still down
            CampaignPilotTestSupport.await("the sms of " + campaignId + " sent", Duration.ofMinutes(1), () ->
                    jdbc.sql("select count(*) from delivery where campaign_id = ? and channel = 'sms' and status = 'SENT'")
                            .param(campaignId).query(Integer.class).single() > 0);
            assertThat(jdbc.sql("select distinct status from delivery where campaign_id = ? and channel = 'email'")
                    .param(campaignId).query(String.class).list()).containsExactly("PENDING");
        } finally {
            mail.setPort(port);
        }
        // the relay is back; the process owner retries the dispatch, as from Cockpit
        HttpResponse<String> retried = put("/engine-rest/external-task/" + incident.getConfiguration() + "/retries", "owen",
                "{\"retries\": 1}");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(204);
        awaitAllPublished(List.of(campaignId), Duration.ofMinutes(3));
        assertThat(jdbc.sql("select distinct status from delivery where campaign_id = ?").param(campaignId)
                .query(String.class).list()).containsOnly("SENT");
        assertThat(jdbc.sql("select max(attempts) from delivery where campaign_id = ? and channel = 'email'")
                .param(campaignId).query(Integer.class).single()).isGreaterThan(1);
        assertEachRecipientGotExactlyOneEmail(List.of(campaignId));
    }

    @Test
    void aConnectionTheRelayRefusesLeavesOnlyItsOwnBatchForTheRetry() {
        // the relay's second connection must be this campaign's: no other test's email is still on its way
        CampaignPilotTestSupport.await("no email of another campaign waiting", Duration.ofMinutes(2), () -> jdbc.sql(
                "select count(*) from delivery where channel = 'email' and status = 'PENDING'").query(Long.class).single() == 0);
        int port = mail.getPort();
        try (SmtpSink relay = SmtpSink.start()) {
            // an audience of its own, never contacted, of more than two batches (50 each): a claim is sent on
            // several connections at once, whatever other tests' campaigns left under the frequency cap
            String segment = "relay-" + UUID.randomUUID().toString().substring(0, 8);
            new CampaignFixtures(context).customers("south", segment, 160, "Rhys");
            relay.refuseConnection(2);
            mail.setPort(relay.port());
            String campaignId = trigger("south", segment, "[\"email\"]");
            awaitAllPublished(List.of(campaignId), Duration.ofMinutes(3));

            long sent = jdbc.sql("select count(*) from delivery where campaign_id = ? and status = 'SENT'")
                    .param(campaignId).query(Long.class).single();
            assertThat(jdbc.sql("select distinct status from delivery where campaign_id = ?").param(campaignId)
                    .query(String.class).list()).containsExactly("SENT");
            assertThat(jdbc.sql("select distinct attempts from delivery where campaign_id = ?").param(campaignId)
                    .query(Integer.class).list())
                    .as("the other connections' batches were sent the first time, the refused one on the retry")
                    .containsExactlyInAnyOrder(1, 2);
            assertThat(relay.messages()).as("each message reached the relay once").isEqualTo(sent);
            assertThat(relay.duplicates()).isZero();
            assertThat(incidents(campaignId)).isEmpty();
        } finally {
            mail.setPort(port);
        }
    }

    @Test
    void aWithdrawalStopsWhatHasNotBeenSent() {
        int port = mail.getPort();
        int before = EmbeddedSmtp.shared().server().getReceivedMessages().length;
        mail.setPort(closedPort());
        String campaignId;
        try {
            List<String> audience = leastContactedAudience();
            campaignId = trigger(audience.get(0), audience.get(1), "[\"email\"]");
            CampaignPilotTestSupport.await("the email of " + campaignId + " waiting for the relay", Duration.ofMinutes(3), () ->
                    !incidents(campaignId).isEmpty());
            HttpResponse<String> withdrawn = post("/api/campaigns/" + campaignId + "/withdraw", "mary",
                    "{\"reason\": \"price error found\"}");
            assertThat(withdrawn.statusCode()).as(withdrawn.body()).isIn(200, 202, 204);
            CampaignPilotTestSupport.await("campaign " + campaignId + " withdrawn", Duration.ofMinutes(1),
                    () -> "WITHDRAWN".equals(campaign(campaignId).path("campaign").path("status").asText()));
        } finally {
            mail.setPort(port);
        }
        assertThat(jdbc.sql("select distinct status from delivery where campaign_id = ?").param(campaignId)
                .query(String.class).list()).containsExactly("WITHDRAWN");
        assertThat(incidents(campaignId)).isEmpty();
        // the relay is back and the dispatchers keep polling: nothing of the withdrawn campaign goes out
        try {
            Thread.sleep(3_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(Arrays.stream(EmbeddedSmtp.shared().server().getReceivedMessages()).skip(before)
                .filter(m -> campaignId.equals(header(m, "X-Campaign-Id")))).isEmpty();
    }

    /** Root causes only: the calling processes carry an incident of their own that points here. */
    private List<org.camunda.bpm.engine.runtime.Incident> incidents(String campaignId) {
        return processInstances(campaignId).stream().flatMap(pi -> engine.getRuntimeService().createIncidentQuery()
                .processInstanceId(pi).list().stream()).filter(i -> i.getId().equals(i.getRootCauseIncidentId())).toList();
    }

    @Test
    void aClaimNeverAnsweredIsMarkedUnknownAndNotResent() {
        String campaignId = UUID.randomUUID().toString();
        Timestamp anHourAgo = Timestamp.from(Instant.now().minus(Duration.ofHours(1)));
        jdbc.sql("""
                insert into delivery (campaign_id, channel, customer_id, address, status, variant_no, created_at,
                    idempotency_key, attempts, claimed_by, claimed_at) values (?, 'email', 1, 'x', 'SENDING', 1, ?, ?, 1, ?, ?)""")
                .params(campaignId, anHourAgo, campaignId + ":email:1", "dispatcher-that-died", anHourAgo).update();
        int before = EmbeddedSmtp.shared().server().getReceivedMessages().length;

        ChannelDispatcher.Turn turn = dispatcher.dispatch(campaignId, Channel.EMAIL, "test", () -> true);

        assertThat(turn.done()).isTrue();
        assertThat(turn.byStatus()).containsExactly(Map.entry("UNKNOWN", 1));
        assertThat(jdbc.sql("select reason from delivery where campaign_id = ?").param(campaignId).query(String.class).single())
                .isEqualTo("outcome unknown after an interruption; not resent");
        assertThat(EmbeddedSmtp.shared().server().getReceivedMessages()).hasSize(before);

        // a claim still within its time is left alone: the channel is taken up again later
        String busy = UUID.randomUUID().toString();
        jdbc.sql("""
                insert into delivery (campaign_id, channel, customer_id, address, status, variant_no, created_at,
                    idempotency_key, attempts, claimed_by, claimed_at) values (?, 'email', 1, 'x', 'SENDING', 1, ?, ?, 1, ?, ?)""")
                .params(busy, Timestamp.from(Instant.now()), busy + ":email:1", "dispatcher-still-sending",
                        Timestamp.from(Instant.now())).update();
        ChannelDispatcher.Turn later = dispatcher.dispatch(busy, Channel.EMAIL, "test", () -> true);
        assertThat(later.done()).isFalse();
        assertThat(later.comeBackIn()).isPositive();
        assertThat(jdbc.sql("select status from delivery where campaign_id = ?").param(busy).query(String.class).single())
                .isEqualTo("SENDING");
    }

    @Test
    void quietHoursHoldAnSmsUntilTheCustomersMorningAndThenReleaseIt() {
        // half the customers of a region and segment live where it is 23:00 now, the rest where it is noon
        List<String> audience = leastContactedAudience();
        String region = audience.get(0);
        String segment = audience.get(1);
        String night = CampaignPilotTestSupport.zoneWhereItIs(23);
        jdbc.sql("update customer set time_zone = ? where region = ? and segment = ? and mod(id, 2) = 1")
                .params(night, region, segment).update();
        String campaignId;
        try {
            campaignId = trigger(region, segment, "[\"sms\"]");
            CampaignPilotTestSupport.await("the daytime customers' SMS dispatched", Duration.ofMinutes(3), () ->
                    jdbc.sql("""
                            select count(*) from delivery d join customer c on c.id = d.customer_id where d.campaign_id = ?
                            and (d.status in ('SENDING') or (d.status = 'PENDING' and mod(c.id, 2) = 0)
                                 or (d.status = 'PENDING' and d.reason is null))""")
                            .param(campaignId).query(Integer.class).single() == 0
                    && jdbc.sql("select count(*) from delivery where campaign_id = ?").param(campaignId)
                            .query(Integer.class).single() > 0);
            List<Map<String, Object>> held = jdbc.sql("""
                    select d.customer_id, d.status, d.reason, d.next_attempt_at from delivery d
                    where d.campaign_id = ? and d.status = 'PENDING'""").param(campaignId).query().listOfRows();
            assertThat(held).as("the night-time customers' SMS are held").isNotEmpty()
                    .allSatisfy(row -> {
                        assertThat(((Number) row.get("customer_id")).longValue() % 2).isEqualTo(1);
                        assertThat((String) row.get("reason")).startsWith("held for quiet hours (21:00-08:00 " + night + ") until ");
                        Instant until = ((Timestamp) row.get("next_attempt_at")).toInstant();
                        assertThat(until.atZone(java.time.ZoneId.of(night)).toLocalTime()).isEqualTo(java.time.LocalTime.of(8, 0));
                        assertThat(until).isBetween(Instant.now().plus(Duration.ofHours(8)), Instant.now().plus(Duration.ofHours(10)));
                    });
            assertThat(jdbc.sql("""
                    select count(*) from delivery d where d.campaign_id = ? and d.status not in ('PENDING')
                    and mod(d.customer_id, 2) = 1""").param(campaignId).query(Integer.class).single())
                    .as("nothing reached a customer in the night").isZero();
            assertThat(campaign(campaignId).path("campaign").path("status").asText())
                    .as("the campaign waits for its held messages").isEqualTo("RUNNING");
            JsonNode sms = read(get("/api/campaigns/" + campaignId + "/dispatch", "ada").body()).path("channels").get(0);
            assertThat(sms.path("deliveries").path("channel").asText()).isEqualTo("sms");
            assertThat(sms.path("deliveries").path("waiting").asInt()).isEqualTo(held.size());
            assertThat(sms.path("deliveries").path("reasons").toString()).contains("held for quiet hours");
            assertThat(sms.path("dispatch").path("state").asText()).isIn("WORKING", "WAITING");

            // the night passes: it is morning where they live, and the dispatch step's wait is over
            jdbc.sql("update customer set time_zone = ? where region = ? and segment = ? and mod(id, 2) = 1")
                    .params(CampaignPilotTestSupport.zoneWhereItIs(9), region, segment).update();
            jdbc.sql("update delivery set next_attempt_at = ? where campaign_id = ? and status = 'PENDING'")
                    .params(Timestamp.from(Instant.now()), campaignId).update();
            processInstances(campaignId).forEach(pi -> engine.getExternalTaskService().createExternalTaskQuery()
                    .processInstanceId(pi).list().forEach(t -> engine.getExternalTaskService().unlock(t.getId())));
            awaitAllPublished(List.of(campaignId), Duration.ofMinutes(3));
        } finally {
            jdbc.sql("update customer set time_zone = null where region = ? and segment = ?").params(region, segment).update();
        }
        assertThat(jdbc.sql("select distinct status from delivery where campaign_id = ?").param(campaignId)
                .query(String.class).list()).as("released, not dropped").doesNotContain("PENDING", "SKIPPED", "SENDING");
        JsonNode done = read(get("/api/campaigns/" + campaignId + "/dispatch", "ada").body()).path("channels").get(0);
        assertThat(done.path("deliveries").path("waiting").asInt()).isZero();
        assertThat(done.path("dispatch").path("state").asText()).isEqualTo("NONE");
    }

    @Test
    void aCustomerOtherCampaignsReachedSinceRecordingIsSkippedAtDispatch() {
        // one nobody has contacted: other tests' campaigns in this context must not add to the count
        long customer = jdbc.sql("""
                select min(c.id) from customer c where c.consent_email = true and c.erased_at is null
                and not exists (select 1 from delivery d where d.customer_id = c.id)""").query(Long.class).single();
        String campaignId = UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                insert into delivery (campaign_id, channel, customer_id, address, status, variant_no, created_at,
                    idempotency_key) values (?, 'email', ?, 'x', 'PENDING', 1, ?, ?)""")
                .params(campaignId, customer, now, campaignId + ":email:" + customer).update();
        // meanwhile three other campaigns reached the customer (a skipped one did not and does not count)
        List<String> others = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), UUID.randomUUID().toString());
        for (int i = 0; i < others.size(); i++) {
            String other = others.get(i);
            jdbc.sql("""
                    insert into delivery (campaign_id, channel, customer_id, address, status, variant_no, created_at,
                        idempotency_key, sent_at) values (?, ?, ?, 'x', ?, 1, ?, ?, ?)""")
                    .params(other, i == 1 ? "sms" : "email", customer, i == 3 ? "SKIPPED" : "SENT", now,
                            other + ":email:" + customer, now).update();
        }
        int before = EmbeddedSmtp.shared().server().getReceivedMessages().length;
        try {
            ChannelDispatcher.Turn turn = dispatcher.dispatch(campaignId, Channel.EMAIL, "test", () -> true);

            assertThat(turn.done()).isTrue();
            assertThat(turn.byStatus()).containsExactly(Map.entry("SKIPPED", 1));
            assertThat(jdbc.sql("select reason from delivery where campaign_id = ?").param(campaignId)
                    .query(String.class).single())
                    .isEqualTo("frequency cap: customer " + customer + " was contacted 3 times by other campaigns "
                            + "(cap 3 contacts within 7 days)");
            assertThat(EmbeddedSmtp.shared().server().getReceivedMessages()).hasSize(before);
        } finally {
            jdbc.sql("delete from delivery where campaign_id in (:ids)").param("ids", others).update();
        }
    }

    /** Every SENT email delivery is one message in the SMTP server, with its own Message-ID, and nobody got two. */
    private void assertEachRecipientGotExactlyOneEmail(List<String> campaignIds) {
        Set<String> ours = new HashSet<>(campaignIds);
        List<MimeMessage> received = Arrays.stream(EmbeddedSmtp.shared().server().getReceivedMessages())
                .filter(m -> ours.contains(header(m, "X-Campaign-Id"))).toList();
        Map<String, Long> perRecipient = received.stream().collect(Collectors.groupingBy(
                m -> header(m, "X-Campaign-Id") + " " + recipient(m), Collectors.counting()));
        assertThat(perRecipient.values()).as("one email per campaign and customer").containsOnly(1L);
        Set<String> messageIds = received.stream().map(m -> header(m, "Message-ID")).collect(Collectors.toSet());
        assertThat(messageIds).hasSize(received.size()).allMatch(id -> id.matches("<[^:@<>]+@campaignpilot>"));
        Map<String, Long> sent = new HashMap<>();
        for (String id : campaignIds) {
            sent.put(id, jdbc.sql("select count(*) from delivery where campaign_id = ? and channel = 'email' and status = 'SENT'")
                    .param(id).query(Long.class).single());
        }
        assertThat(received.stream().collect(Collectors.groupingBy(m -> header(m, "X-Campaign-Id"), Collectors.counting())))
                .isEqualTo(sent.entrySet().stream().filter(e -> e.getValue() > 0)
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        MimeMessage any = received.getFirst();
        assertThat(header(any, "List-Unsubscribe")).matches("<https?://[^>]+/api/unsubscribe\\?token=[^>]+>");
        assertThat(header(any, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
    }

    /** Waits until every campaign is published, approving any that the rules sent to a marketing review. */
    private void awaitAllPublished(List<String> campaignIds, Duration timeout) {
        Set<String> approved = new HashSet<>();
        CampaignPilotTestSupport.await(campaignIds.size() + " campaigns published", timeout, () -> {
            boolean all = true;
            for (String id : campaignIds) {
                String status = campaign(id).path("campaign").path("status").asText();
                assertThat(status).as(id).isIn("RUNNING", "PUBLISHED");
                if (!"PUBLISHED".equals(status)) {
                    all = false;
                    if (!approved.contains(id)) {
                        JsonNode tasks = read(get("/engine-rest/task?processInstanceBusinessKey=" + id, "mary").body());
                        if (!tasks.isEmpty()) {
                            approve(tasks.get(0).path("id").asText());
                            approved.add(id);
                        }
                    }
                }
            }
            return all;
        });
        if (!approved.isEmpty()) {
            System.out.println("[publishing] " + approved.size() + " of " + campaignIds.size() + " needed a marketing review");
        }
    }

    private void approve(String taskId) {
        assertThat(post("/engine-rest/task/" + taskId + "/claim", "mary", "{\"userId\": \"mary\"}").statusCode()).isEqualTo(204);
        assertThat(post("/engine-rest/task/" + taskId + "/submit-form", "mary",
                "{\"variables\": {\"marketingDecision\": {\"value\": \"approve\"}, \"marketingComment\": {\"value\": \"ok\"}}}")
                .statusCode()).isIn(200, 204);
    }

    private String trigger(String region, String segment, String channels) {
        HttpResponse<String> created = post("/api/triggers", "integration", """
                {"eventId": "it-outbox-%s", "type": "OVERSTOCK", "occurredAt": "2026-11-20T09:00:00Z",
                 "skus": ["HP-OUT-004"], "region": "%s", "segment": "%s", "discountPercent": 10, "channels": %s}"""
                .formatted(UUID.randomUUID(), region, segment, channels));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return read(created.body()).path("campaignId").asText();
    }

    private List<String> processInstances(String campaignId) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(campaignId).list()
                .stream().map(pi -> pi.getId()).toList();
    }

    /**
     * The region and segment whose customers other tests (sharing this database) have contacted least, so that the
     * frequency cap (3 contacts a week) leaves this test an audience whatever ran before it.
     */
    private List<String> leastContactedAudience() {
        return jdbc.sql("""
                        select c.region, c.segment from customer c left join delivery d on d.customer_id = c.id
                        where c.region in (:regions) and c.segment in (:segments)
                        group by c.region, c.segment order by count(d.id), c.region, c.segment""")
                .param("regions", REGIONS).param("segments", SEGMENTS).query((rs, i) -> List.of(rs.getString(1), rs.getString(2))).list().getFirst();
    }

    private static String recipient(MimeMessage message) {
        try {
            return Arrays.toString(message.getAllRecipients());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A port nothing listens on: the relay is "down". */
    private static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
