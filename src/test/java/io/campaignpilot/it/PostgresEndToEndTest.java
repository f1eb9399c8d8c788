package io.campaignpilot.it;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The end-to-end path on PostgreSQL (the production database). It fails, never skips, when PostgreSQL is
 * not reachable: .ci/run starts it. Uses its own database, campaignpilot_test, emptied before the run.
 */
class PostgresEndToEndTest extends CampaignEndToEndTest {
    static final String HOST = System.getenv().getOrDefault("CAMPAIGNPILOT_TEST_PG_HOST", "127.0.0.1:5432");
    static final String USER = System.getenv().getOrDefault("CAMPAIGNPILOT_TEST_PG_USER", "postgres");
    static final String PASSWORD = System.getenv().getOrDefault("CAMPAIGNPILOT_TEST_PG_PASSWORD", "");
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
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + HOST + "/postgres", USER, PASSWORD);
             Statement sql = admin.createStatement()) {
            var exists = sql.executeQuery("select 1 from pg_database where datname = '" + database + "'");
            if (!exists.next()) {
                sql.execute("create database " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is required for this test and is not reachable at " + HOST
                    + " as " + USER + " (start it, e.g. with .ci/run): " + e.getMessage(), e);
        }
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://" + HOST + "/" + database, USER, PASSWORD);
             Statement sql = db.createStatement()) {
            sql.execute("drop schema if exists public cascade");
            sql.execute("create schema public");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset database " + database + ": " + e.getMessage(), e);
        }
    }
}
