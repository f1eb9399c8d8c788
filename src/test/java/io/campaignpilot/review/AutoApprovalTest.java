package io.campaignpilot.review;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.dev.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** LOW-tier approval without a reviewer, and the share sampled for a person to read afterwards. */
class AutoApprovalTest {

    @Test
    void theConfiguredShareIsSampledTheSameWayEveryTime() {
        try (HikariDataSource database = TestDatabases.migrated("h2", "auto-approval")) {
            JdbcClient jdbc = JdbcClient.create(database);
            ReviewDecisions decisions = new ReviewDecisions(jdbc, new AuditLog(jdbc, JsonMapper.builder().findAndAddModules().build(), TestDatabases.transactions(database)));
            AutoApproval tenPercent = new AutoApproval(decisions, properties(10));

            long sampled = IntStream.range(0, 4000).mapToObj(i -> UUID.nameUUIDFromBytes(("c" + i).getBytes()).toString())
                    .filter(tenPercent::sampled).count();
            assertThat(sampled).isBetween(300L, 500L);
            assertThat(new AutoApproval(decisions, properties(0)).sampled("any")).isFalse();
            assertThat(new AutoApproval(decisions, properties(100)).sampled("any")).isTrue();

            String id = UUID.randomUUID().toString();
            boolean first = tenPercent.approve(id, 1);
            assertThat(tenPercent.sampled(id)).isEqualTo(first);
            assertThat(decisions.decisions(id)).singleElement().satisfies(d -> {
                assertThat(d.review()).isEqualTo("auto-approval");
                assertThat(d.reviewer()).isEqualTo("system");
                assertThat(d.decision()).isEqualTo("approve");
                assertThat(d.comment()).startsWith("LOW tier, auto-approved");
            });
        }
    }

    private static ReviewProperties properties(int samplePercent) {
        return new ReviewProperties(Duration.ofHours(24), 3, samplePercent);
    }
}
