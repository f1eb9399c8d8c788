package io.campaignpilot;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every capability's settings are a properties record with its defaults; a setting that would make the application
 * misbehave stops start-up with a message naming it.
 */
class ConfigurationPropertiesTest {
    @Configuration
    @ConfigurationPropertiesScan
    static class AllSettings {
    }

    // the two settings production has no default for
    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(AllSettings.class)
            .withPropertyValues("campaignpilot.admin.password=secret",
                    "campaignpilot.publishing.unsubscribe.secret=a test secret of at least 32 characters");

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "campaignpilot.security.max-failed-logins-per-minute, 0",
            "campaignpilot.audience.holdout-percent, 100",
            "campaignpilot.audience.holdout-percent, -1",
            "campaignpilot.policy.frequency-cap, 0",
            "campaignpilot.policy.frequency-window, PT0S",
            "campaignpilot.policy.sync-interval, 0s",
            "campaignpilot.measurement.window, PT0S",
            "campaignpilot.measurement.send-cost.sms, -0.01",
            "campaignpilot.metrics.refresh, -PT5S",
            "campaignpilot.cluster.startup-lock-wait, 0s",
            "campaignpilot.publishing.connections-per-channel, 0",
            "campaignpilot.intake.max-attempts, 0",
            "campaignpilot.intake.retry-backoff, 0s",
            "campaignpilot.intake.queue-expiry, 10ms",
            "campaignpilot.detection.max-campaigns-per-run, 0",
            "campaignpilot.detection.sales-window, P3D",
            "campaignpilot.detection.overstock.discount-percent, 90",
            "campaignpilot.detection.conversion-drop.relative-drop-by-category.toys, 1.5",
            "campaignpilot.detection.back-in-stock.min-waiting-by-category.toys, 0",
            "campaignpilot.detection.loyalty.order-milestones, 0",
            "campaignpilot.detection.loyalty.window, PT0S",
            "campaignpilot.detection.loyalty.max-customers-per-campaign, 20000",
            "campaignpilot.targeting.expected-value-floor, -0.01",
            "campaignpilot.targeting.label-window, PT1H",
            "campaignpilot.targeting.minimum-auc, 0.4"})
    void aSettingThatWouldMisbehaveStopsStartUpNamingIt(String property, String value) {
        context.run(ok -> assertThat(ok).hasNotFailed());
        context.withPropertyValues(property + "=" + value)
                .run(c -> assertThat(c).hasFailed().getFailure().rootCause().hasMessageContaining(property));
    }
}
