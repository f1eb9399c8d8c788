package io.campaignpilot.generation;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Answers already paid for: identical prompt, model and parameters within the time to live get the stored answer.
 * Only answers that passed the copy check are kept. In the database, so every node and every restart shares it.
 */
@Component
public class GenerationCache {
    /** A stored answer. */
    public record Entry(String response, Integer promptTokens, Integer completionTokens) {
    }

    private final JdbcClient jdbc;
    private final Duration ttl;

    public GenerationCache(JdbcClient jdbc, GenerationProperties properties) {
        this.jdbc = jdbc;
        this.ttl = properties.cacheTtl();
    }

    public static String key(String canonicalRequest) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<Entry> find(String key) {
        if (ttl.isZero() || ttl.isNegative()) {
            return Optional.empty();
        }
        return jdbc.sql("select response, prompt_tokens, completion_tokens from generation_cache where cache_key = ? and created_at > ?")
                .params(key, Timestamp.from(Instant.now().minus(ttl)))
                .query((rs, i) -> new Entry(rs.getString(1), (Integer) rs.getObject(2), (Integer) rs.getObject(3)))
                .optional();
    }

    public void put(String key, String model, String response, Integer promptTokens, Integer completionTokens) {
        if (ttl.isZero() || ttl.isNegative()) {
            return;
        }
        jdbc.sql("delete from generation_cache where cache_key = ?").param(key).update();
        try {
            jdbc.sql("insert into generation_cache (cache_key, model, response, prompt_tokens, completion_tokens, created_at) values (?, ?, ?, ?, ?, ?)")
                    .params(key, model, response, promptTokens, completionTokens, Timestamp.from(Instant.now()))
                    .update();
        } catch (DuplicateKeyException e) {
            // another channel or node stored the same answer a moment ago (no transaction spans a model call)
        }
    }
}
