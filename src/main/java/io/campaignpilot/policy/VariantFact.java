package io.campaignpilot.policy;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One variant's copy as the customer reads it, with its cited sources, its SMS segments and which generator wrote it. */
public record VariantFact(String channel, int variantNo, String locale, Map<String, String> fields, List<Integer> citations,
                          String generator, int smsSegments) {

    public String text() {
        return String.join("\n", fields.values());
    }

    public int length(String field) {
        String value = fields.get(field);
        return value == null ? 0 : value.length();
    }

    /** Whether the copy carries a line word for word, ignoring case and spacing. */
    public boolean carries(String line) {
        return normalise(text()).contains(normalise(line));
    }

    public String label() {
        return channel + " #" + variantNo;
    }

    static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }
}
