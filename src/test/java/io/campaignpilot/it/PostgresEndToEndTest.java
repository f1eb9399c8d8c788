package io.campaignpilot.it;

import io.campaignpilot.dev.TestPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The end-to-end path on PostgreSQL (the production database). It fails, never skips, when PostgreSQL is
 * not reachable: .ci/run starts it. Uses its own database, campaignpilot_test, emptied before the run.
 */
class PostgresEndToEndTest extends CampaignEndToEndTest {
    static final String HOST = TestPostgres.HOST;
    static final String USER = TestPostgres.USER;
    static final String PASSWORD = TestPostgres.PASSWORD;
    /** campaignpilot_test, unless -Dcampaignpilot.test.pg.prefix names another prefix (builds sharing a server) */
    static final String DATABASE = io.campaignpilot.dev.TestDatabases.postgresName("test");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        resetDatabase();
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://" + HOST + "/" + DATABASE);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> PASSWORD);
    }

    static void resetDatabase() {
        resetDatabase(DATABASE);
    }

    /** Creates the database if needed and empties it. */
    static void resetDatabase(String database) {
        TestPostgres.reset(database);
    }
}
