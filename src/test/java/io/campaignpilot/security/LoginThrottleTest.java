package io.campaignpilot.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {
    private Instant now = Instant.parse("2026-11-20T09:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(3, new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void anAddressWaitsForTheRestOfItsMinuteAfterTheConfiguredFailures() {
        throttle.failed("10.0.0.1");
        throttle.failed("10.0.0.1");
        assertThat(throttle.secondsUntilAllowed("10.0.0.1")).isZero();
        now = now.plusSeconds(20);
        throttle.failed("10.0.0.1");
        assertThat(throttle.secondsUntilAllowed("10.0.0.1")).isEqualTo(40);
        assertThat(throttle.secondsUntilAllowed("10.0.0.2")).isZero();
        now = now.plus(Duration.ofSeconds(40));
        assertThat(throttle.secondsUntilAllowed("10.0.0.1")).isZero();
        throttle.failed("10.0.0.1");
        assertThat(throttle.secondsUntilAllowed("10.0.0.1")).as("a new window starts").isZero();
    }
}
