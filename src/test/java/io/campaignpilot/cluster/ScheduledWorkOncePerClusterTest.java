package io.campaignpilot.cluster;

import com.zaxxer.hikari.HikariDataSource;
import io.campaignpilot.catalog.Catalog;
import io.campaignpilot.catalog.Product;
import io.campaignpilot.dev.TestDatabases;
import io.campaignpilot.knowledge.KnowledgeCorpus;
import io.campaignpilot.knowledge.KnowledgeIndexing;
import io.campaignpilot.knowledge.KnowledgeStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled knowledge work on two nodes sharing one database (H2 and PostgreSQL), each node a Spring context with
 * the application's ShedLock configuration and the real task beans (their data sources replaced by slow stand-ins
 * that count who is inside): the index retry and the product-fact sync never run on both nodes at once, and the
 * product-fact sync runs once per interval, not once per node.
 */
class ScheduledWorkOncePerClusterTest {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void twoNodesNeverRunALockedTaskAtTheSameTime(String database) throws Exception {
        try (HikariDataSource db = TestDatabases.migrated(database, "shedlock")) {
            Inside inside = new Inside();
            try (AnnotationConfigApplicationContext a = node(db, inside); AnnotationConfigApplicationContext b = node(db, inside);
                 ExecutorService threads = Executors.newFixedThreadPool(4)) {
                KnowledgeIndexing retryA = a.getBean(KnowledgeIndexing.class);
                KnowledgeIndexing retryB = b.getBean(KnowledgeIndexing.class);

                // both nodes' index retry fires at the same moment, three times over: one runs, the other skips its turn
                for (int round = 0; round < 3; round++) {
                    List<Future<?>> runs = new ArrayList<>();
                    for (KnowledgeIndexing node : List.of(retryA, retryB)) {
                        runs.add(threads.submit((Callable<Void>) () -> {
                            node.retryWaiting();
                            return null;
                        }));
                    }
                    for (Future<?> run : runs) {
                        run.get();
                    }
                }
                assertThat(inside.most.get()).isEqualTo(1);
                assertThat(inside.runs.get()).isBetween(3, 6);
                // no minimum hold: once one node is done, the other may retry at once
                int before = inside.runs.get();
                retryA.retryWaiting();
                retryB.retryWaiting();
                assertThat(inside.runs.get()).isEqualTo(before + 2);

                // the product-fact sync: node A syncs; node B's turn in the same interval is skipped, not run again
                inside.runs.set(0);
                KnowledgeCorpus syncA = a.getBean(KnowledgeCorpus.class);
                KnowledgeCorpus syncB = b.getBean(KnowledgeCorpus.class);
                Future<?> first = threads.submit(syncA::syncProductFacts);
                Future<?> second = threads.submit(syncB::syncProductFacts);
                first.get();
                second.get();
                syncB.syncProductFacts();
                assertThat(inside.runs.get()).isEqualTo(1);
                assertThat(inside.most.get()).isEqualTo(1);
            }
        }
    }

    /** One node: the application's ShedLock configuration and the two scheduled task beans. */
    private static AnnotationConfigApplicationContext node(DataSource db, Inside inside) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test",
                Map.of("campaignpilot.knowledge.product-fact-sync-hold", "PT1M")));
        context.registerBean(DataSource.class, () -> db);
        // as in the application: Spring Boot proxies classes (the task beans are used by class, not by an interface)
        context.register(AopAutoConfiguration.class, ClusterScheduling.class);
        context.registerBean(KnowledgeIndexing.class, () -> new KnowledgeIndexing(null, new SlowStore(inside)));
        context.registerBean(KnowledgeCorpus.class, () -> new KnowledgeCorpus(null, null, null, new SlowCatalog(inside),
                null, null, null));
        context.refresh();
        return context;
    }

    /** How many runs are inside a task now, at most, and in all. */
    static final class Inside {
        final AtomicInteger now = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final AtomicInteger runs = new AtomicInteger();

        void enter() {
            runs.incrementAndGet();
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                now.decrementAndGet();
            }
        }
    }

    /** Nothing waits for search, slowly. */
    static final class SlowStore extends KnowledgeStore {
        private final Inside inside;

        SlowStore(Inside inside) {
            super(null);
            this.inside = inside;
        }

        @Override
        public List<String> awaitingIndex() {
            inside.enter();
            return List.of();
        }
    }

    /** An empty catalog, read slowly. */
    static final class SlowCatalog extends Catalog {
        private final Inside inside;

        SlowCatalog(Inside inside) {
            super(null, null);
            this.inside = inside;
        }

        @Override
        public List<Product> all() {
            inside.enter();
            return List.of();
        }
    }
}
