package io.campaignpilot.generation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.knowledge.Citation;
import io.campaignpilot.knowledge.GroundingSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Variants and every generator call, per campaign and round. */
@Component
public class VariantStore {
    /** One stored generator call, for the audit record. */
    public record Call(String channel, int round, String generator, String model, String prompt, String response,
                       Integer promptTokens, Integer completionTokens, long latencyMs, String error, Instant at) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public VariantStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores a variant with its citations resolved against the sources it was generated from. */
    public void save(String campaignId, int round, ChannelVariant v, List<GroundingSource> sources) {
        List<Citation> cited = v.citations().stream().distinct()
                .flatMap(n -> sources.stream().filter(s -> s.number() == n).map(Citation::of)).toList();
        jdbc.sql("delete from campaign_variant where campaign_id = ? and round = ? and channel = ? and variant_no = ?")
                .params(campaignId, round, v.channel().key(), v.variantNo()).update();
        jdbc.sql("""
                insert into campaign_variant (campaign_id, round, channel, variant_no, content, citations, cited_sources,
                    generator, model, fallback_reason, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(campaignId, round, v.channel().key(), v.variantNo(), write(v.fields()), write(v.citations()),
                        write(cited), v.generator(), v.model(), v.fallbackReason(), Timestamp.from(Instant.now()))
                .update();
    }

    /** The variants of the latest round. */
    public List<ChannelVariant> latest(String campaignId) {
        return jdbc.sql("""
                select * from campaign_variant where campaign_id = ? and round =
                    (select max(round) from campaign_variant where campaign_id = ?) order by channel, variant_no""")
                .params(campaignId, campaignId)
                .query((rs, i) -> new ChannelVariant(Channel.of(rs.getString("channel")), rs.getInt("variant_no"),
                        read(rs.getString("content"), new TypeReference<Map<String, String>>() {
                        }), read(rs.getString("citations"), new TypeReference<List<Integer>>() {
                        }), rs.getString("generator"), rs.getString("model"), rs.getString("fallback_reason"),
                        rs.getString("cited_sources") == null ? List.of() : read(rs.getString("cited_sources"),
                                new TypeReference<List<Citation>>() {
                                })))
                .list();
    }

    public void saveCall(String campaignId, int round, String channel, String generator, String model, String prompt,
                         String response, Integer promptTokens, Integer completionTokens, long latencyMs, String error) {
        jdbc.sql("""
                insert into generation_call (campaign_id, round, channel, generator, model, prompt, response, prompt_tokens,
                    completion_tokens, latency_ms, error, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(campaignId, round, channel, generator, model, prompt, response, promptTokens, completionTokens,
                        latencyMs, error, Timestamp.from(Instant.now()))
                .update();
    }

    public List<Call> calls(String campaignId) {
        return jdbc.sql("select * from generation_call where campaign_id = ? order by id").param(campaignId)
                .query((rs, i) -> new Call(rs.getString("channel"), rs.getInt("round"), rs.getString("generator"),
                        rs.getString("model"), rs.getString("prompt"), rs.getString("response"),
                        (Integer) rs.getObject("prompt_tokens"), (Integer) rs.getObject("completion_tokens"),
                        rs.getLong("latency_ms"), rs.getString("error"), rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
