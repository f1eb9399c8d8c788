package io.campaignpilot.publishing;

import io.campaignpilot.audience.Audiences;
import io.campaignpilot.audience.Customer;
import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.generation.ChannelVariant;
import io.campaignpilot.generation.VariantStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Publishes a campaign's approved variants to one channel by recording one PENDING delivery per consenting treatment
 * customer, with the variant of their locale and A/B arm. Recording runs in the engine step's transaction and never
 * touches the network: {@link ChannelDispatcher} sends afterwards, outside any engine transaction.
 */
@Service
public class Publishing {
    private final Audiences audiences;
    private final VariantStore variants;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public Publishing(Audiences audiences, VariantStore variants, AuditLog audit, JdbcClient jdbc, JdbcTemplate template) {
        this.audiences = audiences;
        this.variants = variants;
        this.audit = audit;
        this.jdbc = jdbc;
        this.template = template;
    }

    /**
     * Records the channel's deliveries; a retried step records only the customers not recorded yet (the idempotency
     * key is unique). Returns how many were recorded by this call.
     */
    public int record(String campaignId, Channel channel) {
        List<ChannelVariant> approved = variants.latest(campaignId).stream().filter(v -> v.channel() == channel).toList();
        if (approved.isEmpty()) {
            throw new IllegalStateException("campaign " + campaignId + " has no " + channel.key() + " variant");
        }
        VariantAssignment assignment = new VariantAssignment(campaignId, approved);
        List<Customer> recipients = audiences.recipients(campaignId, channel);
        Set<Long> recorded = new HashSet<>(jdbc.sql("select customer_id from delivery where campaign_id = ? and channel = ?")
                .params(campaignId, channel.key()).query(Long.class).list());
        List<Customer> fresh = recipients.stream().filter(c -> !recorded.contains(c.id())).toList();
        Timestamp now = Timestamp.from(Instant.now());
        template.batchUpdate("""
                        insert into delivery (campaign_id, channel, customer_id, address, status, variant_no, created_at,
                            idempotency_key) values (?, ?, ?, ?, 'PENDING', ?, ?, ?)""", fresh, 500,
                (ps, c) -> {
                    ps.setString(1, campaignId);
                    ps.setString(2, channel.key());
                    ps.setLong(3, c.id());
                    ps.setString(4, address(channel, c));
                    ps.setInt(5, assignment.of(c).variantNo());
                    ps.setTimestamp(6, now);
                    ps.setString(7, idempotencyKey(campaignId, channel, c.id()));
                });
        Map<Integer, Long> perVariant = new TreeMap<>(recipients.stream()
                .collect(Collectors.groupingBy(c -> assignment.of(c).variantNo(), Collectors.counting())));
        audit.record(campaignId, "publishing", "DELIVERIES_RECORDED", Map.of("channel", channel.key(),
                "recipients", recipients.size(), "newDeliveries", fresh.size(), "recipientsPerVariant", perVariant));
        return fresh.size();
    }

    /**
     * A withdrawn campaign sends nothing more: every delivery not yet on its way becomes WITHDRAWN. What was sent stays
     * recorded, and a batch already in a dispatcher's hands finishes and records what it sent.
     */
    public int withdraw(String campaignId) {
        return jdbc.sql("""
                update delivery set status = 'WITHDRAWN', reason = 'the campaign was withdrawn before this was sent',
                next_attempt_at = null where campaign_id = ? and status = 'PENDING'""")
                .param(campaignId).update();
    }

    public List<Delivery> deliveries(String campaignId) {
        return jdbc.sql("select * from delivery where campaign_id = ? order by id").param(campaignId)
                .query((rs, i) -> new Delivery(rs.getString("channel"), rs.getLong("customer_id"), rs.getString("address"),
                        rs.getString("status"), rs.getInt("variant_no"), rs.getTimestamp("created_at").toInstant(),
                        rs.getString("reason")))
                .list();
    }

    /** One message per campaign, channel and customer, whoever sends it and however often it is retried. */
    static String idempotencyKey(String campaignId, Channel channel, long customerId) {
        return campaignId + ":" + channel.key() + ":" + customerId;
    }

    /** The address as it was when recorded; sending reads it again from the customer, who may have changed it. */
    static String address(Channel channel, Customer c) {
        String address = switch (channel) {
            case EMAIL -> c.email();
            case SMS -> c.phone();
            default -> "customer:" + c.id();
        };
        return address == null ? "customer:" + c.id() : address;
    }

    /** Fills merge tags at sending time: the only place personal data meets the copy. */
    static String merge(String template, Customer customer) {
        return merge(template, customer.firstName());
    }

    static String merge(String template, String firstName) {
        return template == null ? "" : template.replace("{{first_name}}", firstName == null ? "" : firstName);
    }
}
