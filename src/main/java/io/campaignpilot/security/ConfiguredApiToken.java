package io.campaignpilot.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo's fixed integration token ({@code campaignpilot.identity.demo-integration-token}), hashed into the token
 * table at start so the README can show a curl with it. Unset (the default): nothing happens.
 */
@Component
@Order(1)
class ConfiguredApiToken implements ApplicationRunner {
    static final String NAME = "demo-integration";
    private static final Logger log = LoggerFactory.getLogger(ConfiguredApiToken.class);

    private final ApiTokens tokens;
    private final String secret;

    ConfiguredApiToken(ApiTokens tokens, IdentityProperties identity) {
        this.tokens = tokens;
        this.secret = identity.demoIntegrationToken();
        if (!secret.isBlank()) {
            ApiTokens.checkConfigurable(secret);
        }
    }

    @Override
    public void run(ApplicationArguments args) {
        if (secret.isBlank()) {
            return;
        }
        tokens.configure(NAME, Groups.INTEGRATORS, secret);
        log.info("API token {} (integrators) ready from campaignpilot.identity.demo-integration-token", NAME);
    }
}
