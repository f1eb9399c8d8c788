package io.campaignpilot.security;

import org.springframework.security.core.AuthenticationException;

/** Too many failed logins from one address: answered with 429 and Retry-After. */
class LoginThrottledException extends AuthenticationException {
    private final long retryAfterSeconds;

    LoginThrottledException(long retryAfterSeconds) {
        super("too many failed logins");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
