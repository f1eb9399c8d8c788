package io.campaignpilot.policy;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The cluster's rule sets in the database (V14): every published set of rule files, and which one is active. Each
 * change is one short transaction that first locks the single active-set row, so nodes publishing at the same moment
 * take turns and each sees what the previous one did.
 */
@Component
public class PublishedRuleSets {
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    public PublishedRuleSets(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** The active version, or empty before any node has published. */
    public Optional<String> activeVersion() {
        return first(jdbc.sql("select version from policy_active_rule_set where id = 1").query(String.class).list());
    }

    /** The files of a published version. */
    public PolicyEngine.RuleFiles files(String version) {
        Map<String, String> content = new TreeMap<>();
        Map<String, String> origin = new TreeMap<>();
        jdbc.sql("select file_name, content, origin from policy_rule_file where version = ?").param(version)
                .query(rs -> {
                    content.put(rs.getString("file_name"), rs.getString("content"));
                    origin.put(rs.getString("file_name"), rs.getString("origin"));
                });
        return new PolicyEngine.RuleFiles(content, origin);
    }

    /** Stores the files (unless that version is stored already) and makes them the active rule set. */
    public void publish(PolicyEngine.RuleFiles files, String by) {
        transaction.executeWithoutResult(tx -> {
            lockActive();
            store(files, by);
            activate(files.version(), by);
        });
    }

    /**
     * A node's files at start-up become active only when the cluster has no active rule set yet, or when they are a
     * version never published before (a release or rules folder with new rules). Files published before, and since
     * replaced by a reload, stay replaced: a plain restart, or a node killed and restarted with the files it had,
     * never undoes another node's reload.
     *
     * @return the version active afterwards
     */
    public String publishAtStart(PolicyEngine.RuleFiles files, String by) {
        return transaction.execute(tx -> {
            Optional<String> active = lockActive();
            if (active.isPresent() && stored(files.version())) {
                return active.get();
            }
            store(files, by);
            activate(files.version(), by);
            return files.version();
        });
    }

    /** Takes the row lock that serializes publishing; returns the active version it guards. */
    private Optional<String> lockActive() {
        return first(jdbc.sql("select version from policy_active_rule_set where id = 1 for update").query(String.class).list());
    }

    private static Optional<String> first(List<String> versions) {
        return versions.isEmpty() ? Optional.empty() : Optional.ofNullable(versions.getFirst());
    }

    private boolean stored(String version) {
        return jdbc.sql("select count(*) from policy_rule_set where version = ?").param(version).query(Integer.class).single() > 0;
    }

    private void store(PolicyEngine.RuleFiles files, String by) {
        String version = files.version();
        if (stored(version)) {
            return;
        }
        jdbc.sql("insert into policy_rule_set (version, published_by, published_at) values (?, ?, ?)")
                .params(version, by, Timestamp.from(Instant.now())).update();
        files.content().forEach((name, drl) ->
                jdbc.sql("insert into policy_rule_file (version, file_name, content, origin) values (?, ?, ?, ?)")
                        .params(version, name, drl, files.origin().getOrDefault(name, "?")).update());
    }

    private void activate(String version, String by) {
        jdbc.sql("update policy_active_rule_set set version = ?, activated_by = ?, activated_at = ? where id = 1")
                .params(version, by, Timestamp.from(Instant.now())).update();
    }
}
