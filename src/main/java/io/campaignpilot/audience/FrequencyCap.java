package io.campaignpilot.audience;

import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The frequency cap ({@code campaignpilot.policy.frequency-cap}, {@code frequency-window}): a customer whom other
 * campaigns have contacted {@code frequencyCap} times within {@code frequencyWindow} is held back. One definition for
 * the audience query, the dispatcher's last look before sending and the policy rules (policy.Thresholds).
 */
@ConfigurationProperties("campaignpilot.policy")
@Validated
public record FrequencyCap(
        @Positive(message = "campaignpilot.policy.frequency-cap must be at least 1 (0 would hold every customer back)")
        @DefaultValue("3") int frequencyCap,
        @DurationMin(minutes = 1, message = "campaignpilot.policy.frequency-window must be at least a minute")
        @DefaultValue("P7D") Duration frequencyWindow) {

    /** The cap and window, as a reason names them: "3 contacts within 7 days". */
    public String describe() {
        String window = frequencyWindow.toHours() % 24 == 0 ? frequencyWindow.toDays() + " days"
                : frequencyWindow.toMinutes() % 60 == 0 ? frequencyWindow.toHours() + " hours" : frequencyWindow.toString();
        return frequencyCap + " contacts within " + window;
    }
}
