package io.campaignpilot.audience;

import io.campaignpilot.campaign.Channel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Selects a campaign's audience and a random-but-reproducible holdout. The holdout receives nothing,
 * so that measurement can compare buyers against it (incremental lift).
 */
@Component
public class Audiences {
    static final RowMapper<Customer> MAPPER = (rs, i) -> new Customer(rs.getLong("id"), rs.getString("email"),
            rs.getString("phone"), rs.getString("first_name"), rs.getString("region"), rs.getString("locale"),
            rs.getString("segment"), rs.getString("loyalty_tier"), rs.getBoolean("consent_email"),
            rs.getBoolean("consent_sms"), rs.getBoolean("consent_push"), rs.getBoolean("consent_web"),
            rs.getBoolean("consent_social"));

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final int holdoutPercent;

    public Audiences(JdbcClient jdbc, JdbcTemplate template,
                     @Value("${campaignpilot.audience.holdout-percent:10}") int holdoutPercent) {
        this.jdbc = jdbc;
        this.template = template;
        this.holdoutPercent = holdoutPercent;
    }

    /** Picks everyone in the region (and segment, unless "all") and splits off the holdout. Idempotent per campaign. */
    public AudienceSummary select(String campaignId, String region, String segment) {
        jdbc.sql("delete from audience_member where campaign_id = ?").param(campaignId).update();
        boolean allSegments = segment == null || segment.isBlank() || "all".equalsIgnoreCase(segment);
        List<Long> ids = allSegments
                ? jdbc.sql("select id from customer where region = ? order by id").param(region).query(Long.class).list()
                : jdbc.sql("select id from customer where region = ? and segment = ? order by id").params(region, segment)
                        .query(Long.class).list();
        template.batchUpdate("insert into audience_member (campaign_id, customer_id, holdout) values (?, ?, ?)", ids, 500,
                (ps, id) -> {
                    ps.setString(1, campaignId);
                    ps.setLong(2, id);
                    ps.setBoolean(3, inHoldout(campaignId, id));
                });
        return summary(campaignId);
    }

    /** Current sizes; consent is read afresh, so a withdrawn consent shows up here before publishing. */
    public AudienceSummary summary(String campaignId) {
        int holdout = count(campaignId, true);
        int treatment = count(campaignId, false);
        Map<Channel, Integer> eligible = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            eligible.put(channel, jdbc.sql("select count(*) from audience_member a join customer c on c.id = a.customer_id "
                            + "where a.campaign_id = ? and a.holdout = false and c." + consentColumn(channel) + " = true")
                    .param(campaignId).query(Integer.class).single());
        }
        return new AudienceSummary(treatment, holdout, eligible);
    }

    /** Treatment customers who consent to the channel right now. */
    public List<Customer> recipients(String campaignId, Channel channel) {
        return jdbc.sql("select c.* from audience_member a join customer c on c.id = a.customer_id "
                        + "where a.campaign_id = ? and a.holdout = false and c." + consentColumn(channel) + " = true order by c.id")
                .param(campaignId).query(MAPPER).list();
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

    private boolean inHoldout(String campaignId, long customerId) {
        CRC32 crc = new CRC32();
        crc.update((campaignId + ":" + customerId).getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % 100 < holdoutPercent;
    }

    private static String consentColumn(Channel channel) {
        return "consent_" + channel.key();
    }
}
