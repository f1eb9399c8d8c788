package io.campaignpilot.security;

import io.campaignpilot.web.InvalidInputException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * API tokens: random 256-bit secrets for integrations, kept only as SHA-256 hashes. A token authenticates as
 * {@code token:<name>} with its one group; Camunda's password check (and so its lockout) is never involved.
 */
@Component
class ApiTokens {
    static final String PREFIX = "cp_";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    // a token never expires and never locks: it must not carry the power to make more of them. The metrics scrape
    // logs in as a Camunda user (HTTP Basic): a token for it would open nothing
    private static final List<String> GROUPS = Groups.ALL.stream()
            .filter(g -> !g.equals(Groups.ADMINS) && !g.equals(Groups.METRICS_READERS)).toList();
    // last use is recorded at most this often, so a busy integration does not write on every request
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final RowMapper<Token> TOKEN = (rs, i) -> new Token(rs.getString("id"), rs.getString("name"),
            rs.getString("group_id"), rs.getString("created_by"), instant(rs.getTimestamp("created_at")),
            instant(rs.getTimestamp("last_used_at")), instant(rs.getTimestamp("revoked_at")));

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A token as listed: never its secret. */
    record Token(String id, String name, String group, String createdBy, Instant createdAt, Instant lastUsedAt,
                 Instant revokedAt) {
    }

    /** A new token with its secret, which exists only in this answer. */
    record Issued(Token token, String secret) {
    }

    Issued create(String name, String group, String createdBy) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("name", "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (group == null || !GROUPS.contains(group)) {
            throw new InvalidInputException("group", "must be one of " + GROUPS);
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS); // as the database keeps it
        Token token = new Token(UUID.randomUUID().toString(), name, group, createdBy, now, null, null);
        try {
            insert(token, secret);
        } catch (DuplicateKeyException e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "a token named " + name + " exists or existed: names are never reused");
        }
        return new Issued(token, secret);
    }

    List<Token> list() {
        return jdbc.sql("select * from api_token order by created_at, name").query(TOKEN).list();
    }

    /** Revokes a token; revoking it again changes nothing. */
    void revoke(String id) {
        int changed = jdbc.sql("update api_token set revoked_at = ? where id = ? and revoked_at is null")
                .params(Timestamp.from(Instant.now()), id).update();
        if (changed == 0 && jdbc.sql("select count(*) from api_token where id = ?").param(id).query(Long.class).single() == 0) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no token " + id);
        }
    }

    /** The live token with this secret, if any; records that it was used. */
    Optional<Token> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Optional<Token> token = jdbc.sql("select * from api_token where token_hash = ? and revoked_at is null")
                .param(hash(secret)).query(TOKEN).optional();
        token.ifPresent(t -> {
            Instant now = Instant.now();
            jdbc.sql("update api_token set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)")
                    .params(Timestamp.from(now), t.id(), Timestamp.from(now.minus(TOUCH_EVERY))).update();
        });
        return token;
    }

    /**
     * A token whose secret comes from configuration (the demo's fixed integration token): created on first start,
     * its secret replaced when the configuration changes. A revoked one stays revoked.
     */
    void configure(String name, String group, String secret) {
        checkConfigurable(secret);
        int updated = jdbc.sql("update api_token set token_hash = ?, group_id = ? where name = ?")
                .params(hash(secret), group, name).update();
        if (updated == 0) {
            try {
                insert(new Token(UUID.randomUUID().toString(), name, group, "configuration", Instant.now(), null, null), secret);
            } catch (DuplicateKeyException e) {
                // another node of the cluster created it at the same moment
            }
        }
    }

    static void checkConfigurable(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() < 20) {
            throw new IllegalStateException("a configured API token must start with " + PREFIX + " and have at least 20 characters");
        }
    }

    private void insert(Token token, String secret) {
        jdbc.sql("""
                insert into api_token (id, name, group_id, token_hash, created_by, created_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(token.id(), token.name(), token.group(), hash(secret), token.createdBy(), Timestamp.from(token.createdAt()))
                .update();
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
