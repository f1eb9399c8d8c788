package io.campaignpilot.security;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Camunda administrator created on first start ({@code campaignpilot.admin.*}, fed to
 * {@code camunda.bpm.admin-user}). There is no default password: the packaged application refuses to start without
 * one, and the {@code demo} profile sets the demo password.
 *
 * @param user     the admin's user id ({@code CAMPAIGNPILOT_ADMIN_USER})
 * @param password the admin's initial password ({@code CAMPAIGNPILOT_ADMIN_PASSWORD}); change it later in Admin
 */
@ConfigurationProperties("campaignpilot.admin")
@Validated
record AdminCredentials(
        @NotBlank(message = "set CAMPAIGNPILOT_ADMIN_USER (campaignpilot.admin.user) to the Camunda admin's user id")
        @DefaultValue("admin") String user,
        @NotBlank(message = "set CAMPAIGNPILOT_ADMIN_PASSWORD (campaignpilot.admin.password): the Camunda admin's "
                + "password; there is no default. For a demo instead, run with the 'demo' profile")
        String password) {

    @Override
    public String toString() {
        return "AdminCredentials[user=" + user + ", password=***]";
    }
}
