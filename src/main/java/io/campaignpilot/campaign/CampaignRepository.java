package io.campaignpilot.campaign;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

@Repository
public class CampaignRepository {
    private static final RowMapper<Campaign> MAPPER = (rs, i) -> new Campaign(
            rs.getString("id"), rs.getString("trigger_event_id"), rs.getString("trigger_type"), rs.getString("title"),
            rs.getString("region"), rs.getString("category"),
            Arrays.stream(rs.getString("skus").split(",")).filter(s -> !s.isBlank()).toList(),
            rs.getInt("discount_percent"), Channel.parseList(rs.getString("channels")), rs.getString("segment"),
            rs.getString("objective"), CampaignStatus.valueOf(rs.getString("status")), rs.getString("tier"),
            rs.getString("end_reason"), rs.getString("process_instance_id"), rs.getString("created_by"),
            instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")), instant(rs.getTimestamp("ended_at")));

    private final JdbcClient jdbc;

    public CampaignRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Campaign c) {
        jdbc.sql("""
                insert into campaign (id, trigger_event_id, trigger_type, title, region, category, skus, discount_percent,
                    channels, segment, objective, status, created_by, created_at, updated_at)
                values (:id, :eventId, :type, :title, :region, :category, :skus, :discount, :channels, :segment,
                    :objective, :status, :createdBy, :now, :now)""")
                .param("id", c.id()).param("eventId", c.triggerEventId()).param("type", c.triggerType())
                .param("title", c.title()).param("region", c.region()).param("category", c.category())
                .param("skus", String.join(",", c.skus())).param("discount", c.discountPercent())
                .param("channels", Channel.toCsv(c.channels())).param("segment", c.segment())
                .param("objective", c.objective()).param("status", c.status().name())
                .param("createdBy", c.createdBy()).param("now", Timestamp.from(Instant.now()))
                .update();
    }

    public Optional<Campaign> find(String id) {
        return jdbc.sql("select * from campaign where id = ?").param(id).query(MAPPER).optional();
    }

    public Optional<Campaign> findByTriggerEvent(String eventId) {
        return jdbc.sql("select * from campaign where trigger_event_id = ?").param(eventId).query(MAPPER).optional();
    }

    public List<Campaign> recent(int limit) {
        // limited in SQL: a query's stream holds its connection until closed, and an unclosed one leaked it
        return jdbc.sql("select * from campaign order by created_at desc limit ?").param(limit).query(MAPPER).list();
    }

    public void linkProcess(String id, String processInstanceId) {
        jdbc.sql("update campaign set process_instance_id = ?, updated_at = ? where id = ?")
                .params(processInstanceId, Timestamp.from(Instant.now()), id).update();
    }

    public void updateTier(String id, String tier) {
        jdbc.sql("update campaign set tier = ?, updated_at = ? where id = ?")
                .params(tier, Timestamp.from(Instant.now()), id).update();
    }

    public void updateChannels(String id, List<Channel> channels) {
        jdbc.sql("update campaign set channels = ?, updated_at = ? where id = ?")
                .params(Channel.toCsv(channels), Timestamp.from(Instant.now()), id).update();
    }

    public void updateSkus(String id, List<String> skus) {
        jdbc.sql("update campaign set skus = ?, updated_at = ? where id = ?")
                .params(String.join(",", skus), Timestamp.from(Instant.now()), id).update();
    }

    /** Ends a running campaign; false when it had already ended (a campaign ends once). */
    public boolean end(String id, CampaignStatus status, String reason) {
        Timestamp now = Timestamp.from(Instant.now());
        return jdbc.sql("update campaign set status = ?, end_reason = ?, updated_at = ?, ended_at = ? where id = ? and status = ?")
                .params(status.name(), reason, now, now, id, CampaignStatus.RUNNING.name()).update() > 0;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
