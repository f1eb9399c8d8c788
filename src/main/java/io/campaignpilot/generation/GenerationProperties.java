package io.campaignpilot.generation;

import io.campaignpilot.campaign.Channel;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Generation settings ({@code campaignpilot.generation.*}).
 *
 * @param provider           "grounded" (default, deterministic, offline) or "openai" (any OpenAI-compatible endpoint)
 * @param variantsPerChannel variants per channel and locale, for A/B tests
 * @param locales            locales the brand writes in, per region; regions not listed use {@code defaultLocale}
 * @param promptVersion      folder under {@code prompts/} holding the templates in use; recorded with every call
 * @param tokenBudget        model tokens one campaign may spend; past it, copy comes from the grounded generator
 * @param cacheTtl           identical prompt, model and parameters are answered from the cache this long (0 = off)
 * @param prices             cost per million tokens, by model name
 * @param approvedUrlHosts   host names (not URLs) that links in copy, generated or edited, may point to, with their
 *                           subdomains; see {@link LinkCheck}
 */
@ConfigurationProperties("campaignpilot.generation")
public record GenerationProperties(
        @DefaultValue("grounded") String provider,
        @DefaultValue OpenAi openai,
        @DefaultValue Routing routing,
        @DefaultValue("1") int variantsPerChannel,
        @DefaultValue("en-GB") String defaultLocale,
        Map<String, List<String>> locales,
        @DefaultValue("v1") String promptVersion,
        @DefaultValue("60000") long tokenBudget,
        @DefaultValue("24h") Duration cacheTtl,
        Map<String, Price> prices,
        @DefaultValue("harborandpine.example") List<String> approvedUrlHosts,
        @DefaultValue Limits limits) {

    /**
     * The endpoint. {@code timeout} bounds one whole call; {@code connectTimeout} and {@code readTimeout} the socket.
     *
     * @param structuredOutput "json_schema" (the channel's schema, strict) or "json_object" for servers without it
     */
    public record OpenAi(
            @DefaultValue("http://127.0.0.1:11434/v1") String baseUrl,
            String apiKey,
            @DefaultValue("gpt-4o-mini") String model,
            @DefaultValue("0.4") double temperature,
            @DefaultValue("800") long maxTokens,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("30s") Duration readTimeout,
            @DefaultValue("45s") Duration timeout,
            @DefaultValue("2") int maxRetries,
            @DefaultValue("json_schema") String structuredOutput) {
    }

    /** A stronger model where mistakes cost more; unset means the default model. */
    public record Routing(String regulatedModel, String highRiskModel) {

        /** The HIGH-risk model for a campaign already tiered HIGH, else the regulated model for a regulated product. */
        public String modelFor(String tier, boolean regulatedProduct, String defaultModel) {
            if ("HIGH".equals(tier) && highRiskModel != null && !highRiskModel.isBlank()) {
                return highRiskModel;
            }
            if (regulatedProduct && regulatedModel != null && !regulatedModel.isBlank()) {
                return regulatedModel;
            }
            return defaultModel;
        }
    }

    /** Cost of one million prompt and completion tokens, in the shop's currency. */
    public record Price(BigDecimal input, BigDecimal output) {
    }

    /** Channel limits, stated in the prompt and checked on every answer. */
    public record Limits(
            @DefaultValue("1") int smsSegments,
            @DefaultValue("60") int emailSubject,
            @DefaultValue("100") int emailPreheader,
            @DefaultValue("2000") int emailBody,
            @DefaultValue("50") int pushTitle,
            @DefaultValue("150") int pushBody,
            @DefaultValue("70") int webHeadline,
            @DefaultValue("600") int webBody,
            @DefaultValue("125") int socialPrimaryText,
            @DefaultValue("40") int socialHeadline,
            @DefaultValue("30") int callToAction) {

        /** The longest a field may be, in characters; SMS text is limited by segments instead. */
        public int maxLength(Channel channel, String field) {
            return switch (channel.key() + "." + field) {
                case "email.subject" -> emailSubject;
                case "email.preheader" -> emailPreheader;
                case "email.body" -> emailBody;
                case "push.title" -> pushTitle;
                case "push.body" -> pushBody;
                case "web.headline" -> webHeadline;
                case "web.body" -> webBody;
                case "social.primaryText" -> socialPrimaryText;
                case "social.headline" -> socialHeadline;
                case "email.callToAction", "web.callToAction" -> callToAction;
                case "sms.text" -> smsSegments == 1 ? 160 : 153 * smsSegments;
                default -> 1000;
            };
        }
    }

    public List<String> localesFor(String region) {
        List<String> configured = locales == null || region == null ? null : locales.get(region);
        return configured == null || configured.isEmpty() ? List.of(defaultLocale) : configured;
    }

    /**
     * The longest one variant can take: a model call and its repair, each with every retry timing out and the longest
     * wait between retries, plus a minute for the rest. The worker's lock on a channel is renewed for this long.
     */
    public Duration longestVariant() {
        if (!"openai".equalsIgnoreCase(provider)) {
            return Duration.ofMinutes(1);
        }
        int attempts = Math.max(openai.maxRetries(), 0) + 1;
        Duration oneCall = openai.timeout().multipliedBy(attempts).plus(ChatModel.LONGEST_RETRY_WAIT.multipliedBy(attempts - 1));
        return oneCall.multipliedBy(2).plus(Duration.ofMinutes(1));
    }

    public Price price(String model) {
        return prices == null || model == null ? null : prices.get(model);
    }
}
