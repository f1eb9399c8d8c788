package io.campaignpilot.dev;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The machine's PostgreSQL as the tests reach it (CAMPAIGNPILOT_TEST_PG_HOST, _USER, _PASSWORD; .ci/run starts it),
 * and fresh databases on it. A test that needs PostgreSQL fails, never skips, when it is not reachable.
 */
public final class TestPostgres {
    public static final String HOST = System.getenv().getOrDefault("CAMPAIGNPILOT_TEST_PG_HOST", "127.0.0.1:5432");
    public static final String USER = System.getenv().getOrDefault("CAMPAIGNPILOT_TEST_PG_USER", "postgres");
    public static final String PASSWORD = System.getenv().getOrDefault("CAMPAIGNPILOT_TEST_PG_PASSWORD", "");

    private TestPostgres() {
    }

    public static String url(String database) {
        return "jdbc:postgresql://" + HOST + "/" + database;
    }

    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), USER, PASSWORD);
    }

    /** Creates the database if needed and empties it. */
    public static void reset(String database) {
        try (Connection admin = connect("postgres"); Statement sql = admin.createStatement()) {
            var exists = sql.executeQuery("select 1 from pg_database where datname = '" + database + "'");
            if (!exists.next()) {
                sql.execute("create database " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is required for this test and is not reachable at " + HOST
                    + " as " + USER + " (start it, e.g. with .ci/run): " + e.getMessage(), e);
        }
        try (Connection db = connect(database); Statement sql = db.createStatement()) {
            sql.execute("drop schema if exists public cascade");
            sql.execute("create schema public");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset database " + database + ": " + e.getMessage(), e);
        }
    }
}
