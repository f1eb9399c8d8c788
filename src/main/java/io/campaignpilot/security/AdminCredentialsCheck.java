package io.campaignpilot.security;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.stereotype.Component;

/**
 * Makes the admin credentials a requirement of the two things that write to the database at start: the process
 * engine (plugins are created before it is built) and Flyway (customizers are created before it migrates). A missing
 * password therefore stops the start with Spring Boot's "APPLICATION FAILED TO START" naming the setting, before a
 * table exists or Camunda creates an admin without a password.
 */
@Component
class AdminCredentialsCheck extends AbstractProcessEnginePlugin implements FlywayConfigurationCustomizer {
    AdminCredentialsCheck(AdminCredentials credentials) {
        // binding and validating the credentials is the check; camunda.bpm.admin-user reads the same values
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        // nothing to change: being needed by Flyway is what orders the check before the first migration
    }
}
