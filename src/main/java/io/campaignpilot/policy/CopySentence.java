package io.campaignpilot.policy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One sentence of a variant. {@code claimText} is the sentence with the promoted products' names taken out, so that a
 * product called "Picnic Blanket Waterproof" does not make every mention of it a waterproofing claim.
 */
public record CopySentence(String channel, int variantNo, String text, String claimText) {
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    /** Whether the sentence (without product names) contains a match of the pattern, case-insensitively. */
    public boolean mentions(String regex) {
        return PATTERNS.computeIfAbsent(regex, r -> Pattern.compile(r, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
                .matcher(claimText).find();
    }

    public String label() {
        return channel + " #" + variantNo;
    }
}
