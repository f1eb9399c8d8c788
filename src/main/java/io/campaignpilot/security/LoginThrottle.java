package io.campaignpilot.security;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed HTTP Basic logins on /api per source address in a fixed one-minute window. Camunda locks an account after
 * {@code login-max-attempts} failures through any door; this keeps our door from being the fast way to do it.
 * Behind a reverse proxy, set {@code server.forward-headers-strategy} so the address is the client's, not the proxy's.
 */
@Component
class LoginThrottle {
    static final Duration WINDOW = Duration.ofMinutes(1);
    // beyond this many tracked addresses, windows that have ended are dropped (memory stays bounded under a spray)
    private static final int PRUNE_ABOVE = 10_000;

    private final int maxFailures;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    @Autowired
    LoginThrottle(SecurityProperties properties) {
        this(properties.maxFailedLoginsPerMinute(), Clock.systemUTC());
    }

    LoginThrottle(int maxFailures, Clock clock) {
        this.maxFailures = maxFailures;
        this.clock = clock;
    }

    /** 0 when the address may try to log in; otherwise the seconds until its window ends. */
    long secondsUntilAllowed(String address) {
        Window window = windows.get(address);
        long now = clock.millis();
        if (window == null || window.endsAt() <= now || window.failures() < maxFailures) {
            return 0;
        }
        return Math.max(1, (window.endsAt() - now + 999) / 1000);
    }

    void failed(String address) {
        long now = clock.millis();
        windows.compute(address, (key, window) -> window == null || window.endsAt() <= now
                ? new Window(now + WINDOW.toMillis(), 1)
                : new Window(window.endsAt(), window.failures() + 1));
        if (windows.size() > PRUNE_ABOVE) {
            windows.values().removeIf(window -> window.endsAt() <= now);
        }
    }

    private record Window(long endsAt, int failures) {
    }
}
