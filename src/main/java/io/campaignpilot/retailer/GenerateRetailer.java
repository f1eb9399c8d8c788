package io.campaignpilot.retailer;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Writes a synthetic retailer into a database, for the load run and for trying targeting at full size:
 * <pre>
 * ./mvnw -q compile exec:java -Dexec.mainClass=io.campaignpilot.retailer.GenerateRetailer \
 *   -Dexec.args="jdbc:postgresql://127.0.0.1:5432/campaignpilot postgres secret 100000 42"
 * </pre>
 * Arguments: JDBC URL, user, password, customers (100,000 by default), seed (42). The schema is migrated first, as the
 * application would; history ends today (midnight UTC), so a run on the same day with the same seed writes the same data.
 */
public final class GenerateRetailer {
    private GenerateRetailer() {
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: GenerateRetailer <jdbc-url> <user> <password> [customers=100000] [seed=42]");
            System.exit(2);
        }
        int customers = args.length > 3 ? Integer.parseInt(args[3]) : 100_000;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 42;
        DriverManagerDataSource database = new DriverManagerDataSource(args[0], args[1], args[2]);
        Flyway.configure().dataSource(database).locations("classpath:db/migration")
                .table("campaignpilot_schema_history").baselineOnMigrate(true).baselineVersion("0").load().migrate();
        long started = System.nanoTime();
        RetailerLoader.Loaded loaded = new RetailerLoader(new JdbcTemplate(database))
                .load(seed, customers, Instant.now().truncatedTo(ChronoUnit.DAYS));
        System.out.printf("RETAILER customers=%d orders=%d sessions=%d seconds=%.1f%n", loaded.customers(),
                loaded.orders(), loaded.sessions(), (System.nanoTime() - started) / 1e9);
    }
}
