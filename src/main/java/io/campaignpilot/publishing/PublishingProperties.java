package io.campaignpilot.publishing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

@ConfigurationProperties("campaignpilot.publishing")
public record PublishingProperties(
        @DefaultValue("Harbor & Pine <news@harborandpine.example>") String emailFrom,
        @DefaultValue("https://harborandpine.example/preferences") String unsubscribeUrl) {
}
