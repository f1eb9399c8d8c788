package io.campaignpilot.targeting;

import com.zaxxer.hikari.HikariDataSource;
import io.campaignpilot.dev.TestDatabases;
import io.campaignpilot.retailer.RetailerLoader;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A purchase-propensity model trained on a synthetic retailer (deterministic by seed) predicts a later, held-out
 * window well: AUC of at least 0.70 is a quality bar on fixed data, not a timing. Prints the PROPENSITY line last.
 */
class PropensityModelTest {
    private static final Instant AS_OF = Instant.parse("2026-12-01T00:00:00Z");
    private static HikariDataSource database;
    private static RetailerLoader.Loaded loaded;
    private static String result = "PROPENSITY not trained";

    @BeforeAll
    static void retailer() {
        database = TestDatabases.migrated("h2", "propensity");
        loaded = new RetailerLoader(new JdbcTemplate(database)).load(42, 12_000, AS_OF);
    }

    @AfterAll
    static void close() {
        database.close();
        System.out.println(result); // last, after the pool's own lines
    }

    @Test
    void learnsWhoBuysOutdoorGoodsAndStoresTheModelWithItsHoldoutAuc() {
        JdbcClient jdbc = JdbcClient.create(database);
        PropensityModels models = new PropensityModels(jdbc);
        PropensityTraining training = new PropensityTraining(new PurchaseFeatures(jdbc), models,
                new TargetingProperties(new BigDecimal("0.50"), Duration.ofDays(30), 0.6, "-"),
                new DefaultLockingTaskExecutor(new JdbcTemplateLockProvider(database)));

        PropensityModel model = training.train("outdoor", AS_OF).orElseThrow();

        assertThat(loaded.customers()).isEqualTo(12_000);
        assertThat(model.trainRows()).isEqualTo(12_000);
        assertThat(model.testRows()).isEqualTo(12_000);
        assertThat(model.cutAt()).isEqualTo(AS_OF.minus(Duration.ofDays(60)));
        assertThat(models.current("outdoor")).get().satisfies(stored -> {
            assertThat(stored.version()).isEqualTo(model.version());
            assertThat(stored.auc()).isEqualTo(model.auc());
            assertThat(stored.features()).isEqualTo(PurchaseFeatures.NAMES);
            assertThat(stored.weights()).containsExactly(model.weights());
        });
        result = String.format(Locale.ROOT, "PROPENSITY category=%s auc=%.4f trainRows=%d testRows=%d",
                model.category(), model.auc(), model.trainRows(), model.testRows());
        // ranks a random later buyer above a random non-buyer at least 70 % of the time
        assertThat(model.auc()).isGreaterThanOrEqualTo(0.70);
    }
}
