package io.campaignpilot.cluster;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Lets the nodes of a cluster start one at a time. Two fresh nodes starting at once would otherwise both find an
 * empty database and both create what belongs to it once: Camunda's tables (its schema update is not safe against a
 * second node), the admin user, our groups, authorizations and Tasklist filters, the demo data and the knowledge
 * corpus; the second insert fails on a unique key and that node does not start. With this lock the second node waits,
 * then finds everything present and leaves it alone.
 * <p>
 * The lock is a PostgreSQL session-level advisory lock: it needs no table (there may be none yet), and PostgreSQL
 * drops it when the holding node dies, so a node killed mid-start never blocks the others. It is taken before the
 * first thing that writes to the database (Flyway, which the customizer hook runs before; then the process engine,
 * whose plugins run before it builds its schema) and released once start-up is done (after every ApplicationRunner:
 * the seeders) or failed. It holds one idle connection meanwhile, never a transaction. On H2 it does nothing: an H2
 * database belongs to one process, so one node.
 */
@Component
class StartupLock extends AbstractProcessEnginePlugin implements FlywayConfigurationCustomizer, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(StartupLock.class);
    /** Our advisory lock's key: "CPSTART" in ASCII; Flyway's keys are derived from its history table's name. */
    static final long KEY = 0x43505354415254L;

    private final DataSource dataSource;
    private final Duration maxWait;
    private Connection held;
    private boolean done;

    StartupLock(DataSource dataSource, ClusterProperties properties) {
        this.dataSource = dataSource;
        this.maxWait = properties.startupLockWait();
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        acquire("the database migrations");
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        acquire("the process engine's schema");
    }

    /** Start-up is done: every ApplicationRunner (the seeders) has run. */
    @EventListener(ApplicationReadyEvent.class)
    public void started() {
        release();
    }

    /** A start that fails closes the context: the lock goes with it. */
    @Override
    public void destroy() {
        release();
    }

    private synchronized void acquire(String before) {
        if (done || held != null) {
            return;
        }
        try {
            Connection connection = dataSource.getConnection();
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                connection.close();
                done = true;
                return;
            }
            connection.setAutoCommit(true);
            long started = System.nanoTime();
            long nextReport = 0;
            while (!tryLock(connection)) {
                Duration waited = Duration.ofNanos(System.nanoTime() - started);
                if (waited.compareTo(maxWait) > 0) {
                    connection.close();
                    throw new IllegalStateException("another node has held the start-up lock for more than " + maxWait
                            + " (campaignpilot.cluster.startup-lock-wait); is one stuck starting?");
                }
                if (waited.toSeconds() >= nextReport) {
                    log.info("waiting for another node to finish starting (it holds the start-up lock) before {}", before);
                    nextReport = waited.toSeconds() + 10;
                }
                Thread.sleep(250);
            }
            held = connection;
            log.info("start-up lock taken before {} after {} ms", before, Duration.ofNanos(System.nanoTime() - started).toMillis());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the start-up lock: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the start-up lock", e);
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement();
             ResultSet rs = sql.executeQuery("select pg_try_advisory_lock(" + KEY + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private synchronized void release() {
        done = true;
        if (held == null) {
            return;
        }
        try (Connection connection = held; Statement sql = connection.createStatement()) {
            // the connection goes back to the pool: unlock explicitly, or the lock would live on with it
            sql.execute("select pg_advisory_unlock(" + KEY + ")");
            log.info("start-up lock released");
        } catch (SQLException e) {
            log.warn("could not release the start-up lock ({}); PostgreSQL drops it when this node's connection closes",
                    e.getMessage());
        } finally {
            held = null;
        }
    }
}
