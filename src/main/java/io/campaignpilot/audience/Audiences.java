package io.campaignpilot.audience;

import io.campaignpilot.campaign.Channel;
import io.campaignpilot.platform.Draws;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;

/**
 * Selects a campaign's audience and a random-but-reproducible holdout. The holdout receives nothing,
 * so that measurement can compare buyers against it (incremental lift). A channel's recipients are the treatment
 * customers who consent to it and whom other campaigns have not already contacted as often as the {@link FrequencyCap}
 * allows.
 */
@Component
public class Audiences {
    private final Set<String> knownSegments = ConcurrentHashMap.newKeySet();
    static final RowMapper<Customer> MAPPER = (rs, i) -> new Customer(rs.getLong("id"), rs.getString("email"),
            rs.getString("phone"), rs.getString("first_name"), rs.getString("region"), rs.getString("locale"),
            rs.getString("segment"), rs.getString("loyalty_tier"), rs.getBoolean("consent_email"),
            rs.getBoolean("consent_sms"), rs.getBoolean("consent_push"), rs.getBoolean("consent_web"),
            rs.getBoolean("consent_social"), rs.getString("time_zone"));

    /**
     * Deliveries of other campaigns to the customer since a time (this campaign's own retries do not count), sent or
     * still on their way; one that was skipped, bounced or withdrawn never reached them.
     */
    private static final String CONTACTS = "(select count(*) from delivery d where d.customer_id = c.id and "
            + "d.campaign_id <> ? and d.created_at > ? and d.status not in ('SKIPPED', 'BOUNCED', 'WITHDRAWN'))";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final int holdoutPercent;
    private final FrequencyCap frequency;

    public Audiences(JdbcClient jdbc, JdbcTemplate template, AudienceProperties properties, FrequencyCap frequency) {
        this.jdbc = jdbc;
        this.template = template;
        this.holdoutPercent = properties.holdoutPercent();
        this.frequency = frequency;
    }

    /**
     * Whether any customer is in the segment ("all" always is): segments are the CRM's, whatever it names them. Known
     * segments are remembered, so only an unknown name costs a look at the customer table.
     */
    public boolean segmentExists(String segment) {
        if ("all".equalsIgnoreCase(segment) || knownSegments.contains(segment)) {
            return true;
        }
        boolean exists = !jdbc.sql("select id from customer where segment = ? fetch first 1 rows only").param(segment)
                .query(Long.class).list().isEmpty();
        if (exists) {
            knownSegments.add(segment);
        }
        return exists;
    }

    /** A few segments customers are in, sorted, for an error message that helps. */
    public List<String> someSegments(int max) {
        return jdbc.sql("select distinct segment from customer order by segment fetch first " + max + " rows only")
                .query(String.class).list();
    }

    /** Where each of these customers lives; those unknown or erased are absent. */
    public Map<Long, String> regionsOf(Collection<Long> customers) {
        Map<Long, String> regions = new HashMap<>();
        List<Long> ids = customers.stream().distinct().toList();
        for (int from = 0; from < ids.size(); from += 1_000) {
            jdbc.sql("select id, region from customer where erased_at is null and id in (:ids)")
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + 1_000)))
                    .query(rs -> {
                        regions.put(rs.getLong(1), rs.getString(2));
                    });
        }
        return regions;
    }

    /** Records the customers a campaign's trigger named: its audience is them, not its region's segment. */
    public void name(String campaignId, List<Long> customers) {
        template.batchUpdate("insert into campaign_named_customer (campaign_id, customer_id) values (?, ?)", customers, 1_000,
                (ps, id) -> {
                    ps.setString(1, campaignId);
                    ps.setLong(2, id);
                });
    }

    /** How many customers the campaign's trigger named; 0 for a campaign to its region's segment. */
    public int namedCount(String campaignId) {
        return jdbc.sql("select count(*) from campaign_named_customer where campaign_id = ?").param(campaignId)
                .query(Integer.class).single();
    }

    /**
     * Picks everyone in the region (and segment, unless "all"), or the customers its trigger named, and splits off the
     * holdout, stratified: within each segment the same share is held out, so treatment and holdout have the same mix
     * of segments (a random split can leave a small segment all on one side). Customers whose personal data was erased are no longer anyone's
     * audience, nor are those the global control group holds back ({@code heldBack}). Reproducible and idempotent per
     * campaign.
     */
    public AudienceSummary select(String campaignId, String region, String segment, LongPredicate heldBack) {
        return select(campaignId, region, segment, heldBack, Map.of(), 0);
    }

    /**
     * As {@link #select(String, String, String, LongPredicate)}, but ranked: only customers whose expected value (from
     * a propensity model) reaches the floor are in the audience, treatment and holdout alike, so the holdout still
     * measures the audience that was targeted; each keeps their value for arbitration. No values: the rule alone.
     */
    public AudienceSummary select(String campaignId, String region, String segment, LongPredicate heldBack,
                                  Map<Long, Double> expectedValues, double floor) {
        jdbc.sql("delete from audience_member where campaign_id = ?").param(campaignId).update();
        boolean allSegments = segment == null || segment.isBlank() || "all".equalsIgnoreCase(segment);
        record Member(long id, String segment) {
        }
        boolean named = namedCount(campaignId) > 0;
        List<Member> members = named
                ? jdbc.sql("""
                        select c.id, c.segment from campaign_named_customer n join customer c on c.id = n.customer_id
                        where n.campaign_id = ? and c.erased_at is null order by c.id""")
                        .param(campaignId).query((rs, i) -> new Member(rs.getLong(1), rs.getString(2))).list()
                : allSegments
                ? jdbc.sql("select id, segment from customer where region = ? and erased_at is null order by id")
                        .param(region).query((rs, i) -> new Member(rs.getLong(1), rs.getString(2))).list()
                : jdbc.sql("select id, segment from customer where region = ? and segment = ? and erased_at is null order by id")
                        .params(region, segment).query((rs, i) -> new Member(rs.getLong(1), rs.getString(2))).list();
        boolean ranked = !expectedValues.isEmpty();
        members = members.stream().filter(m -> !heldBack.test(m.id()))
                .filter(m -> !ranked || expectedValues.getOrDefault(m.id(), Double.NEGATIVE_INFINITY) >= floor).toList();
        Set<Long> holdout = new HashSet<>();
        members.stream().collect(Collectors.groupingBy(Member::segment, TreeMap::new,
                        Collectors.mapping(Member::id, Collectors.toList())))
                .forEach((stratum, ids) -> holdout.addAll(holdoutOf(campaignId, region + "/" + stratum, ids)));
        template.batchUpdate("insert into audience_member (campaign_id, customer_id, holdout, expected_value) values (?, ?, ?, ?)",
                members.stream().map(Member::id).toList(), 500, (ps, id) -> {
                    ps.setString(1, campaignId);
                    ps.setLong(2, id);
                    ps.setBoolean(3, holdout.contains(id));
                    ps.setObject(4, expectedValues.get(id), java.sql.Types.DOUBLE);
                });
        jdbc.sql("delete from audience_split where campaign_id = ?").param(campaignId).update();
        jdbc.sql("insert into audience_split (campaign_id, holdout_share, selected_at) values (?, ?, ?)")
                .params(campaignId, holdoutShare(), Timestamp.from(Instant.now())).update();
        return summary(campaignId);
    }

    /**
     * The stratum's holdout: its members in an order drawn from the campaign and customer ids, the first
     * n x share of them. The fraction of a customer left over is held out with that probability (drawn from the
     * campaign and stratum), so small strata are not always rounded down and the overall share stays the intended one.
     */
    List<Long> holdoutOf(String campaignId, String stratum, List<Long> ids) {
        double exact = ids.size() * holdoutShare();
        int size = (int) Math.floor(exact) + (Draws.unit(campaignId + ":" + stratum) < exact - Math.floor(exact) ? 1 : 0);
        return ids.stream().sorted(Comparator.comparingLong((Long id) -> Draws.of(campaignId + ":" + id)).thenComparing(id -> id))
                .limit(size).toList();
    }

    /**
     * Current sizes; consent and contacts are read afresh, so a withdrawn consent shows up here before publishing.
     * Treatment customers another campaign won in arbitration count in the treatment (measurement compares the arms
     * as they were drawn) but no longer as reachable on any channel.
     */
    public AudienceSummary summary(String campaignId) {
        int holdout = count(campaignId, true);
        int treatment = count(campaignId, false);
        Map<Channel, Integer> consented = new EnumMap<>(Channel.class);
        Map<Channel, Integer> capped = new EnumMap<>(Channel.class);
        Timestamp since = Timestamp.from(Instant.now().minus(frequency.frequencyWindow()));
        for (Channel channel : Channel.values()) {
            consented.put(channel, jdbc.sql("select count(*) from audience_member a join customer c on c.id = a.customer_id "
                            + "where a.campaign_id = ? and a.holdout = false and a.arbitrated_to is null and c." + consentColumn(channel) + " = true")
                    .param(campaignId).query(Integer.class).single());
            capped.put(channel, jdbc.sql("select count(*) from audience_member a join customer c on c.id = a.customer_id "
                            + "where a.campaign_id = ? and a.holdout = false and a.arbitrated_to is null and c." + consentColumn(channel) + " = true and "
                            + CONTACTS + " >= ?")
                    .params(campaignId, campaignId, since, frequency.frequencyCap()).query(Integer.class).single());
        }
        return new AudienceSummary(treatment, holdout, consented, capped, frequency.frequencyCap());
    }

    /** The customers with these ids as the CRM knows them now (an erased one has no address and no consent). */
    public List<Customer> customers(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from customer where id in (:ids) order by id").param("ids", ids).query(MAPPER).list();
    }

    /**
     * Of these customers, those whom other campaigns have already reached the frequency cap within its window, with how
     * often: asked again just before sending, because campaigns recorded at the same time may have
     * sent since. Counts what was sent or is being sent right now, on any channel.
     */
    public Map<Long, Integer> reachedCap(String campaignId, Collection<Long> customerIds, Instant now) {
        if (customerIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, Integer> reached = new HashMap<>();
        jdbc.sql("""
                        select customer_id, count(*) from delivery where customer_id in (:ids) and campaign_id <> :campaign
                        and status in ('SENT', 'QUEUED', 'SENDING', 'UNKNOWN')
                        and coalesce(sent_at, claimed_at, created_at) > :since
                        group by customer_id having count(*) >= :cap""")
                .param("ids", customerIds).param("campaign", campaignId)
                .param("since", Timestamp.from(now.minus(frequency.frequencyWindow()))).param("cap", frequency.frequencyCap())
                .query((rs, i) -> Map.entry(rs.getLong(1), rs.getInt(2))).list()
                .forEach(e -> reached.put(e.getKey(), e.getValue()));
        return reached;
    }

    /** The cap and window, as a reason names them. */
    public String frequencyRule() {
        return frequency.describe();
    }

    /** Treatment customers who consent to the channel right now, are under the frequency cap and were not arbitrated away. */
    public List<Customer> recipients(String campaignId, Channel channel) {
        return jdbc.sql("select c.* from audience_member a join customer c on c.id = a.customer_id "
                        + "where a.campaign_id = ? and a.holdout = false and a.arbitrated_to is null and c." + consentColumn(channel) + " = true and "
                        + CONTACTS + " < ? order by c.id")
                .params(campaignId, campaignId, Timestamp.from(Instant.now().minus(frequency.frequencyWindow())), frequency.frequencyCap())
                .query(MAPPER).list();
    }

    /** Treatment customers the campaign would contact on at least one of the channels (consenting, under the cap). */
    public int reach(String campaignId, List<Channel> channels) {
        if (channels.isEmpty()) {
            return 0;
        }
        String anyConsent = channels.stream().map(ch -> "c." + consentColumn(ch) + " = true")
                .collect(java.util.stream.Collectors.joining(" or ", "(", ")"));
        return jdbc.sql("select count(*) from audience_member a join customer c on c.id = a.customer_id "
                        + "where a.campaign_id = ? and a.holdout = false and a.arbitrated_to is null and " + anyConsent + " and " + CONTACTS + " < ?")
                .params(campaignId, campaignId, Timestamp.from(Instant.now().minus(frequency.frequencyWindow())), frequency.frequencyCap())
                .query(Integer.class).single();
    }

    /** Keeps how the audience was chosen with its split (see {@link AudienceTargeting}). */
    void recordTargeting(String campaignId, String targeting, String basis, Long modelVersion, Double modelAuc, Double floor) {
        jdbc.sql("update audience_split set targeting = ?, targeting_basis = ?, propensity_model_version = ?, "
                        + "propensity_model_auc = ?, expected_value_floor = ? where campaign_id = ?")
                .params(targeting, basis, modelVersion, modelAuc, floor, campaignId).update();
    }

    /** How the campaign's audience was chosen; empty before it was selected (or for one selected before targeting). */
    public java.util.Optional<AudienceTargeting> targeting(String campaignId) {
        int arbitratedAway = jdbc.sql("select count(*) from audience_member where campaign_id = ? and arbitrated_to is not null")
                .param(campaignId).query(Integer.class).single();
        return jdbc.sql("select * from audience_split where campaign_id = ? and targeting is not null").param(campaignId)
                .query((rs, i) -> new AudienceTargeting(rs.getString("targeting"), rs.getString("targeting_basis"),
                        (Long) rs.getObject("propensity_model_version", Long.class),
                        (Double) rs.getObject("propensity_model_auc", Double.class),
                        (Double) rs.getObject("expected_value_floor", Double.class), arbitratedAway))
                .optional();
    }

    /** The share of every audience held out (0 to 1): what measurement checks the arms' sizes against. */
    public double holdoutShare() {
        return holdoutPercent / 100.0;
    }

    /**
     * The share the campaign's audience was split with; for an audience selected before the split was recorded, the
     * configured share.
     */
    public double holdoutShareOf(String campaignId) {
        return jdbc.sql("select holdout_share from audience_split where campaign_id = ?").param(campaignId)
                .query(Double.class).optional().orElseGet(this::holdoutShare);
    }

    /** Customer ids of one arm who consent to the channel now: whom the channel could have reached. */
    public List<Long> consenting(String campaignId, boolean holdout, Channel channel) {
        return jdbc.sql("select a.customer_id from audience_member a join customer c on c.id = a.customer_id "
                        + "where a.campaign_id = ? and a.holdout = ? and c." + consentColumn(channel) + " = true")
                .params(campaignId, holdout).query(Long.class).list();
    }

    /** Customer ids of one arm (treatment or holdout), for measurement. */
    public List<Long> members(String campaignId, boolean holdout) {
        return jdbc.sql("select customer_id from audience_member where campaign_id = ? and holdout = ?")
                .params(campaignId, holdout).query(Long.class).list();
    }

    private int count(String campaignId, boolean holdout) {
        return jdbc.sql("select count(*) from audience_member where campaign_id = ? and holdout = ?")
                .params(campaignId, holdout).query(Integer.class).single();
    }

    private static String consentColumn(Channel channel) {
        return "consent_" + channel.key();
    }
}
