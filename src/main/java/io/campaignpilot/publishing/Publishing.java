package io.campaignpilot.publishing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpilot.audience.Audiences;
import io.campaignpilot.audience.Customer;
import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.generation.ChannelVariant;
import io.campaignpilot.generation.VariantStore;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Publishes a campaign's approved variants to one channel, each customer receiving the variant of their locale and
 * A/B arm. Email goes out over SMTP, one personalised message per consenting treatment customer; other channels are
 * written to the outbox for their connectors, one message per variant.
 * Each email's delivery row is committed on its own, so a retry after a relay failure never re-sends.
 */
@Service
public class Publishing {
    private final Audiences audiences;
    private final VariantStore variants;
    private final JavaMailSender mail;
    private final PublishingProperties properties;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final TransactionTemplate separately;

    public Publishing(Audiences audiences, VariantStore variants, JavaMailSender mail, PublishingProperties properties,
                      AuditLog audit, JdbcClient jdbc, ObjectMapper json, PlatformTransactionManager transactions) {
        this.audiences = audiences;
        this.variants = variants;
        this.mail = mail;
        this.properties = properties;
        this.audit = audit;
        this.jdbc = jdbc;
        this.json = json;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Returns how many customers the channel reached in this call. */
    public int publish(String campaignId, Channel channel) {
        List<ChannelVariant> approved = variants.latest(campaignId).stream().filter(v -> v.channel() == channel).toList();
        if (approved.isEmpty()) {
            throw new IllegalStateException("campaign " + campaignId + " has no " + channel.key() + " variant");
        }
        VariantAssignment assignment = new VariantAssignment(campaignId, approved);
        List<Customer> recipients = audiences.recipients(campaignId, channel);
        int reached = channel == Channel.EMAIL ? sendEmails(campaignId, assignment, recipients)
                : queue(campaignId, channel, assignment, recipients);
        Map<Integer, Long> perVariant = new TreeMap<>(recipients.stream()
                .collect(Collectors.groupingBy(c -> assignment.of(c).variantNo(),
                        Collectors.counting())));
        audit.record(campaignId, "publishing", "CHANNEL_PUBLISHED", Map.of("channel", channel.key(),
                "recipients", recipients.size(), "newDeliveries", reached, "recipientsPerVariant", perVariant));
        return reached;
    }

    public List<Delivery> deliveries(String campaignId) {
        return jdbc.sql("select * from delivery where campaign_id = ? order by id").param(campaignId)
                .query((rs, i) -> new Delivery(rs.getString("channel"), rs.getLong("customer_id"), rs.getString("address"),
                        rs.getString("status"), rs.getInt("variant_no"), rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    private int sendEmails(String campaignId, VariantAssignment assignment, List<Customer> recipients) {
        Set<Long> done = alreadyDelivered(campaignId, Channel.EMAIL);
        int sent = 0;
        for (Customer customer : recipients) {
            if (done.contains(customer.id())) {
                continue;
            }
            ChannelVariant variant = assignment.of(customer);
            try {
                MimeMessage message = mail.createMimeMessage();
                MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
                helper.setFrom(properties.emailFrom());
                helper.setTo(customer.email());
                helper.setSubject(merge(variant.fields().get("subject"), customer));
                helper.setText(merge(variant.fields().get("body"), customer) + "\n\n--\nUnsubscribe or change your preferences: "
                        + properties.unsubscribeUrl());
                message.setHeader("X-Campaign-Id", campaignId);
                mail.send(message);
            } catch (MessagingException | MailException e) {
                throw DeliveryFailedException.email(customer, e);
            }
            separately.executeWithoutResult(tx -> recordDelivery(campaignId, Channel.EMAIL, customer.id(), customer.email(),
                    "SENT", variant.variantNo()));
            sent++;
        }
        return sent;
    }

    private int queue(String campaignId, Channel channel, VariantAssignment assignment, List<Customer> recipients) {
        Set<Long> done = alreadyDelivered(campaignId, channel);
        Map<ChannelVariant, List<Customer>> pending = recipients.stream().filter(c -> !done.contains(c.id()))
                .collect(Collectors.groupingBy(assignment::of, LinkedHashMap::new,
                        Collectors.toList()));
        int queued = 0;
        for (Map.Entry<ChannelVariant, List<Customer>> arm : pending.entrySet()) {
            ChannelVariant variant = arm.getKey();
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("campaignId", campaignId);
            payload.put("channel", channel.key());
            payload.put("variant", variant.variantNo());
            payload.put("locale", variant.locale());
            payload.put("content", variant.fields());
            payload.put("recipients", arm.getValue().stream().map(Customer::id).toList());
            try {
                jdbc.sql("insert into outbox_message (campaign_id, channel, payload, created_at) values (?, ?, ?, ?)")
                        .params(campaignId, channel.key(), json.writeValueAsString(payload), Timestamp.from(Instant.now()))
                        .update();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            for (Customer c : arm.getValue()) {
                String address = channel == Channel.SMS ? c.phone() : "customer:" + c.id();
                recordDelivery(campaignId, channel, c.id(), address, "QUEUED", variant.variantNo());
            }
            queued += arm.getValue().size();
        }
        return queued;
    }

    private void recordDelivery(String campaignId, Channel channel, long customerId, String address, String status, int variantNo) {
        jdbc.sql("""
                insert into delivery (campaign_id, channel, customer_id, address, status, variant_no, created_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(campaignId, channel.key(), customerId, address, status, variantNo, Timestamp.from(Instant.now()))
                .update();
    }

    private Set<Long> alreadyDelivered(String campaignId, Channel channel) {
        return new HashSet<>(jdbc.sql("select customer_id from delivery where campaign_id = ? and channel = ?")
                .params(campaignId, channel.key()).query(Long.class).list());
    }

    /** Fills merge tags at sending time: the only place personal data meets the copy. */
    static String merge(String template, Customer customer) {
        return template == null ? "" : template.replace("{{first_name}}", customer.firstName());
    }
}
