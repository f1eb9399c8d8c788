package io.campaignpilot.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo's people and integration ({@code campaignpilot.identity.*}); production has none of them.
 *
 * @param demoUsers            create one demo user per role at start ({@link IdentitySeeder})
 * @param demoPassword         the demo users' shared password
 * @param demoIntegrationToken a fixed API token for the integrators group, so the README can show a curl with it
 *                             ({@link ConfiguredApiToken}); unset: none
 */
@ConfigurationProperties("campaignpilot.identity")
record IdentityProperties(
        @DefaultValue("false") boolean demoUsers,
        @DefaultValue("demo") String demoPassword,
        @DefaultValue("") String demoIntegrationToken) {

    @Override
    public String toString() {
        return "IdentityProperties[demoUsers=" + demoUsers + ", demoPassword=***, demoIntegrationToken=***]";
    }
}
