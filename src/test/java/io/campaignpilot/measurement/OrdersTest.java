package io.campaignpilot.measurement;

import com.zaxxer.hikari.HikariDataSource;
import io.campaignpilot.dev.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The same order event delivered several times at once is recorded once, and no delivery fails. */
class OrdersTest {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void theSameEventAtTheSameMomentIsRecordedOnce(String database) throws Exception {
        try (HikariDataSource data = TestDatabases.migrated(database, "orders");
             ExecutorService clients = Executors.newFixedThreadPool(6)) {
            JdbcClient jdbc = JdbcClient.create(data);
            Orders orders = new Orders(jdbc);
            for (int event = 0; event < 20; event++) {
                String id = "order-" + event;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> deliveries = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    deliveries.add(clients.submit(() -> {
                        start.await();
                        return orders.record(new OrderOutcome(id, null, 17L, "TENT-1", 1, new BigDecimal("39.20"),
                                Instant.parse("2026-11-21T10:00:00Z"), null));
                    }));
                }
                start.countDown();
                int recorded = 0;
                for (Future<Boolean> delivery : deliveries) {
                    recorded += delivery.get() ? 1 : 0;
                }
                assertThat(recorded).as(id).isEqualTo(1);
            }
            assertThat(jdbc.sql("select count(*) from order_event").query(Integer.class).single()).isEqualTo(20);
        }
    }
}
