package io.campaignpilot.audit;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.campaignpilot.dev.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each trail is a hash chain: whatever is changed, removed or inserted behind the application's back is named. */
class AuditChainTest {
    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aTamperedEntryIsNamedAndAnIntactTrailIsNot(String kind) {
        try (HikariDataSource database = TestDatabases.migrated(kind, "audit_chain")) {
            JdbcClient jdbc = JdbcClient.create(database);
            AuditLog audit = new AuditLog(jdbc, JSON, TestDatabases.transactions(database));
            AuditChain chain = new AuditChain(jdbc, JSON);
            for (String c : List.of("c-1", "c-2", "c-3", "c-4")) {
                for (int i = 1; i <= 5; i++) {
                    audit.record(c, "mary", "STEP_" + i, Map.of("step", i));
                }
            }
            audit.record("c-5", "mary", "ONLY", Map.of());
            assertThat(chain.verify("c-1").intact()).isTrue();
            assertThat(chain.verify("c-1").entries()).isEqualTo(5);

            // the third entry's detail rewritten
            jdbc.sql("update audit_event set detail = '{\"step\": 30}' where campaign_id = 'c-1' and seq = 3").update();
            AuditChain.Verification changed = chain.verify("c-1");
            assertThat(changed.intact()).isFalse();
            assertThat(changed.firstBreak().seq()).isEqualTo(3);
            assertThat(changed.firstBreak().kind()).isEqualTo("STEP_3");
            assertThat(changed.firstBreak().reason()).isEqualTo("its detail was changed");

            // who did it, rewritten
            jdbc.sql("update audit_event set actor = 'leo' where campaign_id = 'c-2' and seq = 2").update();
            assertThat(chain.verify("c-2").firstBreak().reason()).contains("actor").contains("hash differs");

            // an entry removed from the middle, and the last entry removed
            jdbc.sql("delete from audit_event where campaign_id = 'c-3' and seq = 2").update();
            assertThat(chain.verify("c-3").firstBreak().seq()).isEqualTo(3);
            assertThat(chain.verify("c-3").firstBreak().reason()).isEqualTo("entries 2 before it are missing (deleted)");
            jdbc.sql("delete from audit_event where campaign_id = 'c-4' and seq = 5").update();
            assertThat(chain.verify("c-4").firstBreak().reason()).contains("the last entries were removed");
            // a trail's only entry removed entirely: its head remains
            jdbc.sql("delete from audit_event where campaign_id = 'c-5'").update();
            assertThat(chain.verify("c-5").intact()).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void concurrentStepsOfOneCampaignAppendOneAtATime(String kind) throws Exception {
        try (HikariDataSource database = TestDatabases.migrated(kind, "audit_chain_concurrent")) {
            JdbcClient jdbc = JdbcClient.create(database);
            AuditLog audit = new AuditLog(jdbc, JSON, TestDatabases.transactions(database));
            ExecutorService threads = Executors.newFixedThreadPool(8);
            List<Future<?>> writes = IntStream.range(0, 200).mapToObj(i -> threads.submit(() ->
                    audit.record("busy", "worker-" + (i % 8), "STEP", Map.of("i", i)))).<Future<?>>map(f -> f).toList();
            for (Future<?> write : writes) {
                write.get();
            }
            threads.shutdown();

            AuditChain.Verification verification = new AuditChain(jdbc, JSON).verify("busy");
            assertThat(verification.intact()).as(String.valueOf(verification.firstBreak())).isTrue();
            assertThat(verification.entries()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2"})
    void anErasureRedactsWithoutBreakingTheChain(String kind) {
        try (HikariDataSource database = TestDatabases.migrated(kind, "audit_chain_erasure")) {
            JdbcClient jdbc = JdbcClient.create(database);
            AuditLog audit = new AuditLog(jdbc, JSON, TestDatabases.transactions(database));
            audit.record("c-1", "owen", "BOUNCE", Map.of("note", "bounce from amelia@customers.example"));
            audit.record("c-1", "owen", "NOTE", Map.of("note", "nothing personal"));
            long redactedId = jdbc.sql("select id from audit_event where kind = 'BOUNCE'").query(Long.class).single();
            jdbc.sql("update audit_event set detail = replace(detail, 'amelia@customers.example', 'erased') where id = ?")
                    .param(redactedId).update();
            AuditChain chain = new AuditChain(jdbc, JSON);
            assertThat(chain.verify("c-1").intact()).as("a redaction nobody recorded is tampering").isFalse();

            audit.record("c-1", "lena", AuditChain.ERASURE_KIND, Map.of("customerId", 7, "redactedEntries", List.of(redactedId)));

            AuditChain.Verification verification = chain.verify("c-1");
            assertThat(verification.intact()).isTrue();
            assertThat(verification.redacted()).containsExactly(redactedId);
        }
    }
}
