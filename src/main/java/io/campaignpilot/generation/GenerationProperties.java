package io.campaignpilot.generation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param provider "grounded" (default, deterministic, offline) or "openai" (any OpenAI-compatible endpoint)
 */
@ConfigurationProperties("campaignpilot.generation")
public record GenerationProperties(
        @DefaultValue("grounded") String provider,
        @DefaultValue OpenAi openai) {

    public record OpenAi(
            @DefaultValue("http://127.0.0.1:11434/v1") String baseUrl,
            String apiKey,
            @DefaultValue("gpt-4o-mini") String model,
            @DefaultValue("0.4") double temperature,
            @DefaultValue("800") long maxTokens,
            @DefaultValue("30s") Duration timeout,
            @DefaultValue("2") int maxRetries) {
    }
}
