package io.campaignpilot.generation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.knowledge.Citation;
import io.campaignpilot.knowledge.GroundingSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Variants and every generator call, per campaign and round. */
@Component
public class VariantStore {
    /** One stored model call, as the campaign's audit record shows it. */
    public record StoredCall(long id, String channel, int round, int variantNo, CallRecord call, Instant at) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public VariantStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores a variant with its citations resolved against the sources it was generated from. */
    public ChannelVariant save(String campaignId, int round, ChannelVariant v, List<GroundingSource> sources) {
        List<Citation> cited = v.citations().stream().distinct()
                .flatMap(n -> sources.stream().filter(s -> s.number() == n).map(Citation::of)).toList();
        jdbc.sql("delete from campaign_variant where campaign_id = ? and round = ? and channel = ? and variant_no = ?")
                .params(campaignId, round, v.channel().key(), v.variantNo()).update();
        jdbc.sql("""
                insert into campaign_variant (campaign_id, round, channel, variant_no, content, citations, cited_sources,
                    generator, model, fallback_reason, locale, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(campaignId, round, v.channel().key(), v.variantNo(), write(v.fields()), write(v.citations()),
                        write(cited), v.generator(), v.model(), v.fallbackReason(), v.locale(), Timestamp.from(Instant.now()))
                .update();
        return new ChannelVariant(v.channel(), v.variantNo(), v.fields(), v.citations(), v.generator(), v.model(),
                v.fallbackReason(), cited, v.locale());
    }

    /** Replaces a variant's fields with a reviewer's edit; the generated copy stays on the audit record. */
    public void saveEdit(String campaignId, int round, ChannelVariant edited) {
        jdbc.sql("""
                update campaign_variant set content = ?, edited_by = ?, edited_at = ?
                where campaign_id = ? and round = ? and channel = ? and variant_no = ?""")
                .params(write(edited.fields()), edited.editedBy(), Timestamp.from(Instant.now()), campaignId, round,
                        edited.channel().key(), edited.variantNo())
                .update();
    }

    /** The latest round's number, 0 before the first. */
    public int latestRound(String campaignId) {
        return jdbc.sql("select coalesce(max(round), 0) from campaign_variant where campaign_id = ?").param(campaignId)
                .query(Integer.class).single();
    }

    /** The variants of one channel in one round, when a retried job finds them already written. */
    public List<ChannelVariant> find(String campaignId, int round, Channel channel) {
        return jdbc.sql("select * from campaign_variant where campaign_id = ? and round = ? and channel = ? order by variant_no")
                .params(campaignId, round, channel.key()).query((rs, i) -> variant(rs)).list();
    }

    /** The variants of one round, as they stand (a reviewer's accepted edit included). */
    public List<ChannelVariant> inRound(String campaignId, int round) {
        return jdbc.sql("select * from campaign_variant where campaign_id = ? and round = ? order by channel, variant_no")
                .params(campaignId, round).query((rs, i) -> variant(rs)).list();
    }

    /** The variants of the latest round. */
    public List<ChannelVariant> latest(String campaignId) {
        return jdbc.sql("""
                select * from campaign_variant where campaign_id = ? and round =
                    (select max(round) from campaign_variant where campaign_id = ?) order by channel, variant_no""")
                .params(campaignId, campaignId)
                .query((rs, i) -> variant(rs))
                .list();
    }

    private ChannelVariant variant(ResultSet rs) throws SQLException {
        return new ChannelVariant(Channel.of(rs.getString("channel")), rs.getInt("variant_no"),
                read(rs.getString("content"), new TypeReference<Map<String, String>>() {
                }), read(rs.getString("citations"), new TypeReference<List<Integer>>() {
                }), rs.getString("generator"), rs.getString("model"), rs.getString("fallback_reason"),
                rs.getString("cited_sources") == null ? List.of() : read(rs.getString("cited_sources"),
                        new TypeReference<List<Citation>>() {
                        }), rs.getString("locale"), rs.getString("edited_by"));
    }

    public void saveCall(String campaignId, int round, String channel, int variantNo, CallRecord c) {
        jdbc.sql("""
                insert into generation_call (campaign_id, round, channel, variant_no, attempt, generator, model, prompt_version,
                    parameters, prompt, response, parsed_output, prompt_tokens, completion_tokens, latency_ms, retries,
                    cache_hit, cost, outcome, error, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(campaignId, round, channel, variantNo, c.attempt(), c.generator(), c.model(), c.promptVersion(),
                        write(c.parameters()), c.prompt(), c.response(), c.parsedOutput(), c.promptTokens(),
                        c.completionTokens(), c.latencyMs(), c.retries(), c.cacheHit(), c.cost(), c.outcome(),
                        c.error() == null ? null : c.error().length() > 4000 ? c.error().substring(0, 4000) : c.error(),
                        Timestamp.from(Instant.now()))
                .update();
    }

    public List<StoredCall> calls(String campaignId) {
        return jdbc.sql("select * from generation_call where campaign_id = ? order by id").param(campaignId)
                .query((rs, i) -> new StoredCall(rs.getLong("id"), rs.getString("channel"), rs.getInt("round"),
                        rs.getInt("variant_no"), new CallRecord(rs.getString("generator"), rs.getString("attempt"),
                        rs.getString("model"), rs.getString("prompt_version"),
                        rs.getString("parameters") == null ? Map.of() : read(rs.getString("parameters"),
                                new TypeReference<Map<String, Object>>() {
                                }), rs.getString("prompt"), rs.getString("response"), rs.getString("parsed_output"),
                        (Integer) rs.getObject("prompt_tokens"), (Integer) rs.getObject("completion_tokens"),
                        rs.getLong("latency_ms"), rs.getInt("retries"), rs.getBoolean("cache_hit"),
                        rs.getBigDecimal("cost"), rs.getString("outcome"), rs.getString("error")),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    public GenerationSummary summary(String campaignId) {
        long fallbacks = jdbc.sql("select count(*) from campaign_variant where campaign_id = ? and generator = 'fallback'")
                .param(campaignId).query(Long.class).single();
        return GenerationSummary.of(calls(campaignId), fallbacks);
    }

    /**
     * A round's wall time: from the earliest start of a variant (stored when written, less the time its calls took)
     * to the last variant stored. Empty when the round stored nothing.
     */
    public Optional<Duration> roundTook(String campaignId, int round) {
        record Written(Instant startedAt, Instant storedAt) {
        }
        List<Written> written = jdbc.sql("""
                        select v.created_at, coalesce(sum(c.latency_ms), 0) as took from campaign_variant v
                        left join generation_call c on c.campaign_id = v.campaign_id and c.round = v.round
                            and c.channel = v.channel and c.variant_no = v.variant_no
                        where v.campaign_id = ? and v.round = ? group by v.channel, v.variant_no, v.created_at""")
                .params(campaignId, round)
                .query((rs, i) -> {
                    Instant stored = rs.getTimestamp("created_at").toInstant();
                    return new Written(stored.minusMillis(rs.getLong("took")), stored);
                }).list();
        return written.stream().map(Written::startedAt).min(Instant::compareTo).map(start -> Duration.between(start,
                written.stream().map(Written::storedAt).max(Instant::compareTo).orElseThrow()));
    }

    /** Model tokens the campaign has paid for so far (cache hits are free). */
    public long tokensSpent(String campaignId) {
        return jdbc.sql("""
                select coalesce(sum(coalesce(prompt_tokens, 0) + coalesce(completion_tokens, 0)), 0)
                from generation_call where campaign_id = ? and cache_hit = false""")
                .param(campaignId).query(Long.class).single();
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
