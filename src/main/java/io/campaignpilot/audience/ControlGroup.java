package io.campaignpilot.audience;

import io.campaignpilot.platform.Draws;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The global control group: customers no campaign contacts during a period, so the programme as a whole can be
 * measured against them. Membership is a hash of the period's seed and the customer's id under the period's share:
 * stable for the period, different in the next, and recomputable for any past period from the kept seed.
 */
@Component
public class ControlGroup implements ApplicationRunner {
    /** One period: from when, until when (null: the current one), what share, drawn with which seed. */
    public record Period(long id, Instant startsAt, Instant endsAt, BigDecimal sharePercent, String seed) {
        public boolean holdsBack(long customerId) {
            // in basis points, so a share like 2.5 % is exact
            return Draws.of(seed + ":" + customerId) % 10_000 < sharePercent.movePointRight(2).longValue();
        }
    }

    private final JdbcClient jdbc;
    private final ControlGroupProperties properties;

    public ControlGroup(JdbcClient jdbc, ControlGroupProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /**
     * Opens the first period while the node starts, under the cluster's start-up lock: opened later, inside a
     * campaign's job, two nodes could race to open it, and on PostgreSQL the loser's whole transaction would be aborted
     * (the job retried 10 s later) even though the duplicate key is caught.
     */
    @Override
    public void run(ApplicationArguments args) {
        current();
    }

    /** The period in force now; one is opened if none is (a database whose first start predates the period table). */
    public Period current() {
        return open().orElseGet(() -> {
            try {
                insert(nextId(), Instant.now());
            } catch (DuplicateKeyException anotherNodeOpenedIt) {
                // the same period, opened by another node a moment earlier
            }
            return open().orElseThrow();
        });
    }

    /** Every period, oldest first: for auditors, and to say who was held back on a given day. */
    public List<Period> periods() {
        return jdbc.sql("select * from control_group_period order by id").query((rs, i) -> new Period(rs.getLong("id"),
                rs.getTimestamp("starts_at").toInstant(),
                rs.getTimestamp("ends_at") == null ? null : rs.getTimestamp("ends_at").toInstant(),
                rs.getBigDecimal("share_percent"), rs.getString("seed"))).list();
    }

    /** Closes the current period and opens the next with a new seed (and today's configured share). */
    @Scheduled(cron = "${campaignpilot.audience.control-group.reshuffle:0 0 3 1 * *}")
    @SchedulerLock(name = "control-group-reshuffle")
    @Transactional
    public Period reshuffle() {
        Period current = current();
        Instant now = Instant.now();
        jdbc.sql("update control_group_period set ends_at = ? where id = ? and ends_at is null")
                .params(Timestamp.from(now), current.id()).update();
        insert(nextId(), now);
        return open().orElseThrow();
    }

    private java.util.Optional<Period> open() {
        return periods().stream().filter(p -> p.endsAt() == null).reduce((a, b) -> b);
    }

    private long nextId() {
        return jdbc.sql("select coalesce(max(id), 0) + 1 from control_group_period").query(Long.class).single();
    }

    private void insert(long id, Instant startsAt) {
        jdbc.sql("insert into control_group_period (id, starts_at, share_percent, seed) values (?, ?, ?, ?)")
                .params(id, Timestamp.from(startsAt), properties.sharePercent(), UUID.randomUUID().toString()).update();
    }
}
