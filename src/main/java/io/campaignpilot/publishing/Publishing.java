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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
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
    public int withdraw(String campaignId, String withdrawnBy, String reason) {
        int stopped = jdbc.sql("""
                update delivery set status = 'WITHDRAWN', reason = 'the campaign was withdrawn before this was sent',
                next_attempt_at = null where campaign_id = ? and status = 'PENDING'""")
                .param(campaignId).update();
        audit.record(campaignId, withdrawnBy, "WITHDRAWAL_REQUESTED", Map.of("reason", String.valueOf(reason),
                "deliveriesStopped", stopped));
        return stopped;
    }

    public List<Delivery> deliveries(String campaignId) {
        return deliveries(campaignId, null, Integer.MAX_VALUE, 0);
    }

    /** A page of the campaign's deliveries in the order they were recorded, optionally of one status only. */
    public List<Delivery> deliveries(String campaignId, String status, int limit, int offset) {
        var query = status == null
                ? jdbc.sql("select * from delivery where campaign_id = :campaign order by id limit :limit offset :offset")
                : jdbc.sql("select * from delivery where campaign_id = :campaign and status = :status order by id "
                        + "limit :limit offset :offset").param("status", status);
        return query.param("campaign", campaignId).param("limit", limit).param("offset", offset)
                .query((rs, i) -> new Delivery(rs.getString("channel"), rs.getLong("customer_id"), rs.getString("address"),
                        rs.getString("status"), rs.getInt("variant_no"), rs.getTimestamp("created_at").toInstant(),
                        rs.getString("reason")))
                .list();
    }

    /** Counts per channel and status, without reading the deliveries themselves (a campaign may have 100,000). */
    public Map<String, Map<String, Long>> countsByChannel(String campaignId) {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        jdbc.sql("select channel, status, count(*) from delivery where campaign_id = ? group by channel, status")
                .param(campaignId)
                .query((rs, i) -> {
                    counts.computeIfAbsent(rs.getString(1), c -> new TreeMap<>()).put(rs.getString(2), rs.getLong(3));
                    return null;
                }).list();
        return counts;
    }

    /** Each channel's progress, for the people watching a campaign go out. */
    public List<ChannelProgress> progress(String campaignId, Instant now) {
        Map<String, Map<String, Long>> counts = countsByChannel(campaignId);
        Map<String, List<ChannelProgress.Reason>> reasons = new TreeMap<>();
        jdbc.sql("""
                        select channel, status, reason, count(*) from delivery where campaign_id = ? and reason is not null
                        and status <> 'SENT' group by channel, status, reason""")
                .param(campaignId)
                .query((rs, i) -> Map.entry(rs.getString(1), new ChannelProgress.Reason(rs.getString(2),
                        REASON_CUSTOMER.matcher(rs.getString(3)).replaceAll("customer …"), rs.getLong(4))))
                .list()
                .forEach(e -> reasons.computeIfAbsent(e.getKey(), c -> new ArrayList<>()).add(e.getValue()));
        List<ChannelProgress> progress = new ArrayList<>();
        counts.forEach((channel, byStatus) -> {
            ChannelProgress timing = jdbc.sql("""
                            select sum(case when status = 'PENDING' and next_attempt_at > :now then 1 else 0 end),
                                   min(case when status = 'PENDING' and next_attempt_at > :now then next_attempt_at end),
                                   max(sent_at)
                            from delivery where campaign_id = :campaign and channel = :channel""")
                    .param("now", Timestamp.from(now)).param("campaign", campaignId).param("channel", channel)
                    .query((rs, i) -> new ChannelProgress(channel, byStatus, List.of(), rs.getLong(1),
                            instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3))))
                    .single();
            // one line per reason however many customers it names; the biggest first
            Map<List<String>, Long> merged = new LinkedHashMap<>();
            for (ChannelProgress.Reason r : reasons.getOrDefault(channel, List.of())) {
                merged.merge(List.of(r.status(), r.reason()), r.deliveries(), Long::sum);
            }
            List<ChannelProgress.Reason> top = merged.entrySet().stream()
                    .map(e -> new ChannelProgress.Reason(e.getKey().get(0), e.getKey().get(1), e.getValue()))
                    .sorted(Comparator.comparingLong(ChannelProgress.Reason::deliveries).reversed()).limit(20)
                    .toList();
            progress.add(new ChannelProgress(channel, byStatus, top, timing.waiting(), timing.nextAttempt(),
                    timing.lastSent()));
        });
        return progress;
    }

    private static final Pattern REASON_CUSTOMER = Pattern.compile("customer \\d+");

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
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
