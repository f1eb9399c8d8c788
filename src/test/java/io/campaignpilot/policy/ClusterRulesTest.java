package io.campaignpilot.policy;

import com.zaxxer.hikari.HikariDataSource;
import io.campaignpilot.dev.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two nodes (each its own PolicyEngine, rules folder and poller) sharing one database, on H2 and on PostgreSQL: a
 * reload on one reaches the other within seconds, a reload that does not compile reaches neither, restarts never undo
 * a reload, and a node that cannot compile the active rule set keeps its last good rules and says why.
 */
class ClusterRulesTest {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final String KITCHEN_RULE = """
            package io.campaignpilot.rules
            import io.campaignpilot.policy.*;

            rule "Kitchen discounts over 10% need marketing review"
            when
                OfferFact( category == "kitchen", $d : discountPercent > 10 )
            then
                insert(new Finding("KITCHEN_DISCOUNT", Severity.REVIEW_MARKETING, "Kitchen discount of " + $d + "%",
                    drools.getRule().getName(), null, "discount=" + $d));
            end
            """;

    private final List<ClusterRules> nodes = new ArrayList<>();

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aReloadOnOneNodeReachesEveryNodeAndABrokenOneReachesNone(String database, @TempDir Path folderA,
                                                                  @TempDir Path folderB) throws Exception {
        try (HikariDataSource db = TestDatabases.migrated(database, "rules")) {
            JdbcClient jdbc = JdbcClient.create(db);
            PublishedRuleSets published = new PublishedRuleSets(jdbc, new TransactionTemplate(new DataSourceTransactionManager(db)));

            // two fresh nodes with the same files: the first publishes them, the second joins
            PolicyEngine a = new PolicyEngine(PolicyRulesTest.properties(folderA.toString(), Map.of()));
            ClusterRules rulesA = start(a, published);
            PolicyEngine b = new PolicyEngine(PolicyRulesTest.properties(folderB.toString(), Map.of()));
            ClusterRules rulesB = start(b, published);
            String packaged = a.version();
            assertThat(b.version()).isEqualTo(packaged);
            assertThat(rulesB.status().activeVersion()).isEqualTo(packaged);
            assertThat(rulesB.status().runsActiveVersion()).isTrue();
            assertThat(ruleSets(jdbc)).isEqualTo(1);
            assertThat(kitchenFinding(b)).isFalse();

            // a process owner adds a rule file on node A and reloads there: node B runs it within seconds
            Files.writeString(folderA.resolve("kitchen-discounts.drl"), KITCHEN_RULE);
            String reloaded = rulesA.reload("owen").version();
            assertThat(reloaded).isNotEqualTo(packaged);
            assertThat(a.version()).isEqualTo(reloaded);
            await("node B runs " + reloaded, () -> b.version().equals(reloaded));
            assertThat(kitchenFinding(b)).isTrue();
            assertThat(rulesB.status().runsActiveVersion()).isTrue();
            assertThat(rulesB.status().serving().files().get("kitchen-discounts.drl")).endsWith("kitchen-discounts.drl");

            // then a typo: refused with file:line, and neither node nor the cluster moves
            Files.writeString(folderA.resolve("kitchen-discounts.drl"), KITCHEN_RULE.replace("discountPercent > 10", "discountPercent >"));
            assertThatThrownBy(() -> rulesA.reload("owen")).isInstanceOf(RuleSetException.class)
                    .satisfies(e -> assertThat(((RuleSetException) e).errors()).anyMatch(m -> m.startsWith("kitchen-discounts.drl:6:")));
            Thread.sleep(3 * POLL.toMillis());
            for (ClusterRules node : List.of(rulesA, rulesB)) {
                assertThat(node.status().activeVersion()).isEqualTo(reloaded);
                assertThat(node.status().serving().version()).isEqualTo(reloaded);
            }
            assertThat(kitchenFinding(a)).isTrue();

            // node B is killed and restarts with the files it always had: it joins the reload instead of undoing it
            rulesB.destroy();
            PolicyEngine b2 = new PolicyEngine(PolicyRulesTest.properties(folderB.toString(), Map.of()));
            ClusterRules rulesB2 = start(b2, published);
            assertThat(b2.version()).isEqualTo(reloaded);
            assertThat(rulesB2.status().activeVersion()).isEqualTo(reloaded);
            // and node A restarts with its (fixed) files: the same version, nothing published again
            Files.writeString(folderA.resolve("kitchen-discounts.drl"), KITCHEN_RULE);
            rulesA.destroy();
            PolicyEngine a2 = new PolicyEngine(PolicyRulesTest.properties(folderA.toString(), Map.of()));
            start(a2, published);
            assertThat(a2.version()).isEqualTo(reloaded);
            assertThat(ruleSets(jdbc)).isEqualTo(2);

            // a node of another release published rules this one cannot compile: it keeps its last good rules, says why
            String foreign = publishForeign(published, "broken.drl", "package io.campaignpilot.rules\nrule \"x\" when Foo( then end\n");
            await("node B tried " + foreign, () -> foreign.equals(rulesB2.status().failedVersion()));
            ClusterRules.Status lagging = rulesB2.status();
            assertThat(lagging.activeVersion()).isEqualTo(foreign);
            assertThat(lagging.runsActiveVersion()).isFalse();
            assertThat(lagging.serving().version()).isEqualTo(reloaded);
            assertThat(lagging.errors()).anyMatch(m -> m.startsWith("broken.drl:"));
            assertThat(kitchenFinding(b2)).isTrue();

            // a node started with files never published before (a new release's rules) makes them the active set
            Path folderC = Files.createDirectory(folderB.resolve("c"));
            Files.writeString(folderC.resolve("kitchen-discounts.drl"), KITCHEN_RULE.replace("> 10", "> 11"));
            PolicyEngine c = new PolicyEngine(PolicyRulesTest.properties(folderC.toString(), Map.of()));
            start(c, published);
            await("every node runs " + c.version(), () -> a2.version().equals(c.version()) && b2.version().equals(c.version()));
            assertThat(rulesB2.status().failedVersion()).isNull();
        } finally {
            nodes.forEach(ClusterRules::destroy);
        }
    }

    private ClusterRules start(PolicyEngine engine, PublishedRuleSets published) {
        ClusterRules node = new ClusterRules(engine, published, POLL);
        nodes.add(node);
        return node;
    }

    /** Publishes a rule set as another node would, without compiling it here. */
    private static String publishForeign(PublishedRuleSets published, String name, String drl) {
        PolicyEngine.RuleFiles files = new PolicyEngine.RuleFiles(Map.of(name, drl), Map.of(name, "/elsewhere/" + name));
        published.publish(files, "a node of another release");
        return files.version();
    }

    private static boolean kitchenFinding(PolicyEngine engine) {
        return engine.evaluate(new PolicyRulesTest.Scenario().discount(12).facts()).findings().stream()
                .anyMatch(f -> f.code().equals("KITCHEN_DISCOUNT"));
    }

    private static int ruleSets(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from policy_rule_set").query(Integer.class).single();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
