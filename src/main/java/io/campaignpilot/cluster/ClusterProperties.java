package io.campaignpilot.cluster;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Running several nodes on one database ({@code campaignpilot.cluster.*}).
 *
 * @param startupLockWait how long a starting node waits for another node's schema migration before it gives up
 *                        ({@link StartupLock})
 */
@ConfigurationProperties("campaignpilot.cluster")
@Validated
record ClusterProperties(
        @DurationMin(seconds = 1, message = "campaignpilot.cluster.startup-lock-wait must be at least a second")
        @DefaultValue("5m") Duration startupLockWait) {
}
