package io.campaignpilot.dev;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import java.util.UUID;

/**
 * Databases with our schema (the Flyway migrations, as the application runs them) for tests that play several nodes
 * without a whole application: a private H2 in memory, or a database on the machine's PostgreSQL ({@link TestPostgres})
 * named {@code <prefix><name>}, the prefix {@code -Dcampaignpilot.test.pg.prefix} (default campaignpilot_), so that
 * builds sharing one server can keep apart.
 */
public final class TestDatabases {
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
                TestPostgres.reset(postgresName(name));
                yield pool(TestPostgres.url(postgresName(name)), TestPostgres.USER, TestPostgres.PASSWORD);
            }
            default -> throw new IllegalArgumentException(kind);
        };
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .table("campaignpilot_schema_history").baselineOnMigrate(true).baselineVersion("0").load().migrate();
        return dataSource;
    }

    private static HikariDataSource pool(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(6);
        return new HikariDataSource(config);
    }

    /** Transactions on the database, as the application's TransactionTemplate runs them. */
    public static org.springframework.transaction.support.TransactionTemplate transactions(javax.sql.DataSource database) {
        return new org.springframework.transaction.support.TransactionTemplate(
                new org.springframework.jdbc.datasource.DataSourceTransactionManager(database));
    }
}
