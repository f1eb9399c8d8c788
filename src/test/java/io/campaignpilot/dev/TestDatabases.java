package io.campaignpilot.dev;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Databases with our schema (the Flyway migrations, as the application runs them) for tests that play several nodes
 * without a whole application: a private H2 in memory, or the machine's PostgreSQL. PostgreSQL databases are named
 * {@code <prefix><name>}, the prefix {@code -Dcampaignpilot.test.pg.prefix} (default campaignpilot_), so that builds
 * sharing one server can keep apart; they fail, never skip, when PostgreSQL is not reachable.
 */
public final class TestDatabases {
    public static final String PG_HOST = System.getenv().getOrDefault("CAMPAIGNPILOT_TEST_PG_HOST", "127.0.0.1:5432");
    public static final String PG_USER = System.getenv().getOrDefault("CAMPAIGNPILOT_TEST_PG_USER", "postgres");
    public static final String PG_PASSWORD = System.getenv().getOrDefault("CAMPAIGNPILOT_TEST_PG_PASSWORD", "");

    private TestDatabases() {
    }

    /** The PostgreSQL database name for {@code name}, with this build's prefix. */
    public static String postgresName(String name) {
        return System.getProperty("campaignpilot.test.pg.prefix", "campaignpilot_") + name;
    }

    /** A migrated database: "h2" (a fresh one in memory) or "postgresql" ({@code name}, emptied first). */
    public static HikariDataSource migrated(String kind, String name) {
        HikariDataSource dataSource = switch (kind) {
            case "h2" -> pool("jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
            case "postgresql" -> {
                resetPostgres(postgresName(name));
                yield pool("jdbc:postgresql://" + PG_HOST + "/" + postgresName(name), PG_USER, PG_PASSWORD);
            }
            default -> throw new IllegalArgumentException(kind);
        };
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .table("campaignpilot_schema_history").baselineOnMigrate(true).baselineVersion("0").load().migrate();
        return dataSource;
    }

    /** Creates the PostgreSQL database if needed and empties it. */
    public static void resetPostgres(String database) {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + "/postgres", PG_USER, PG_PASSWORD);
             Statement sql = admin.createStatement()) {
            if (!sql.executeQuery("select 1 from pg_database where datname = '" + database + "'").next()) {
                sql.execute("create database " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is required for this test and is not reachable at " + PG_HOST
                    + " as " + PG_USER + ": " + e.getMessage(), e);
        }
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + "/" + database, PG_USER, PG_PASSWORD);
             Statement sql = db.createStatement()) {
            sql.execute("drop schema if exists public cascade");
            sql.execute("create schema public");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset database " + database + ": " + e.getMessage(), e);
        }
    }

    private static HikariDataSource pool(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(6);
        return new HikariDataSource(config);
    }
}
