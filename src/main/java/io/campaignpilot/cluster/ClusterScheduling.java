package io.campaignpilot.cluster;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

/**
 * Scheduled work that must run once per cluster, not once per node (a method with {@code @SchedulerLock}): the node
 * that takes the task's row in the shedlock table (V15) runs it, the others skip that turn. Lock times are the
 * database's clock ({@code usingDbTime}), so nodes whose clocks differ still agree. A lock outlives a node that dies
 * holding it by at most {@code lockAtMostFor}. Work every node must do (the policy rules poll) is never locked.
 */
@Configuration
@EnableSchedulerLock(defaultLockAtMostFor = "PT30M")
class ClusterScheduling {

    @Bean
    LockProvider lockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .build());
    }

    /** For code that takes a task's lock itself (the product-fact sync at start-up shares the scheduled run's lock). */
    @Bean
    LockingTaskExecutor lockingTaskExecutor(LockProvider lockProvider) {
        return new DefaultLockingTaskExecutor(lockProvider);
    }
}
