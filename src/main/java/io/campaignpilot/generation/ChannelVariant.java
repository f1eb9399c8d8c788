package io.campaignpilot.generation;

import io.campaignpilot.campaign.Channel;
import io.campaignpilot.knowledge.Citation;

import java.util.List;
import java.util.Map;

/**
 * One piece of channel copy. {@code fields} follow the channel's schema (email: subject, preheader, body,
 * callToAction; sms: text; push: title, body; web: headline, body, callToAction; social: primaryText,
 * headline). {@code citations} are the numbers of the sources the copy was built from; {@code citedSources}
 * pins each of them to its document, version and chunk once the variant is stored. {@code editedBy} names the
 * reviewer whose edit replaced the generated fields, if any.
 */
public record ChannelVariant(Channel channel, int variantNo, Map<String, String> fields, List<Integer> citations,
                             String generator, String model, String fallbackReason, List<Citation> citedSources,
                             String locale, String editedBy) {

    public ChannelVariant(Channel channel, int variantNo, Map<String, String> fields, List<Integer> citations,
                          String generator, String model, String fallbackReason, List<Citation> citedSources,
                          String locale) {
        this(channel, variantNo, fields, citations, generator, model, fallbackReason, citedSources, locale, null);
    }

    public ChannelVariant(Channel channel, int variantNo, Map<String, String> fields, List<Integer> citations,
                          String generator, String model, String fallbackReason) {
        this(channel, variantNo, fields, citations, generator, model, fallbackReason, List.of(), null);
    }

    public ChannelVariant withLocale(String value) {
        return new ChannelVariant(channel, variantNo, fields, citations, generator, model, fallbackReason, citedSources, value,
                editedBy);
    }

    /** The same variant with a reviewer's fields in place of the generated ones (fields not given stay). */
    public ChannelVariant editedBy(String reviewer, Map<String, String> newFields) {
        Map<String, String> merged = new java.util.LinkedHashMap<>(fields); // keeps the channel's field order
        merged.putAll(newFields);
        return new ChannelVariant(channel, variantNo, java.util.Collections.unmodifiableMap(merged), citations, generator,
                model, fallbackReason, citedSources, locale, reviewer);
    }

    /** The same copy, marked as written by the fallback and why. */
    public ChannelVariant asFallback(String reason) {
        return new ChannelVariant(channel, variantNo, fields, citations, "fallback", null, reason, citedSources, locale,
                editedBy);
    }

    /** All copy in one string, for rules that look at everything a customer reads. */
    public String allText() {
        return String.join("\n", fields.values());
    }
}
