package io.campaignpilot.it;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.campaignpilot.it.PostgresEndToEndTest.HOST;
import static io.campaignpilot.it.PostgresEndToEndTest.PASSWORD;
import static io.campaignpilot.it.PostgresEndToEndTest.USER;

/**
 * The outbox on PostgreSQL, the production database: claiming, recording and the frequency-cap query run on its SQL
 * and locking, not H2's. A database of its own (campaignpilot_test_outbox, or the build's prefix instead of
 * campaignpilot_), so that the end-to-end test's context, still cached, keeps its tables, and builds sharing the
 * server do not empty each other's.
 */
class PostgresPublishingOutboxTest extends PublishingOutboxTest {
    static final String DATABASE = io.campaignpilot.dev.TestDatabases.postgresName("test_outbox");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresEndToEndTest.resetDatabase(DATABASE);
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://" + HOST + "/" + DATABASE);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> PASSWORD);
    }
}
