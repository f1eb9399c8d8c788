package io.campaignpilot.personaldata;

import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recipient addresses as people may see them. Nobody reads a full address through the API: reviewers, auditors,
 * process owners and integrators work with counts and customer ids, and the only code that needs the address (sending)
 * reads it from the customer table. Masked addresses still show the channel and the mail domain, which is what a
 * bounce investigation needs.
 */
public final class Addresses {
    /** What stands in a row or a message where an address or name used to be. */
    public static final String ERASED = "erased";
    static final String REMOVED = "[removed]";

    // a domain must end in letters, so module versions in stack frames (spring-core@6.2.1) are not taken for addresses
    private static final Pattern EMAIL = Pattern.compile("[\\w.%+'-]+@[\\w-]+(?:\\.[\\w-]*)*\\.[A-Za-z]{2,}");
    private static final Pattern PHONE = Pattern.compile("\\+\\d(?:[ -]?\\d){6,14}");
    private static final String DOTS = "•••";

    private Addresses() {
    }

    /** {@code m•••@harborandpine.example}, {@code +44••••••••12}; references such as {@code customer:17} stay. */
    public static String mask(String address) {
        if (address == null || address.equals(ERASED) || address.startsWith("customer:")) {
            return address;
        }
        int at = address.lastIndexOf('@');
        if (at >= 0) {
            return (at > 0 ? address.substring(0, 1) : "") + DOTS + address.substring(at);
        }
        if (address.length() <= 5) {
            return DOTS;
        }
        return address.substring(0, 3) + "•".repeat(address.length() - 5) + address.substring(address.length() - 2);
    }

    /** Free text (an incident, an audit detail) with every e-mail address and international phone number in it masked. */
    public static String maskAll(String text) {
        if (text == null) {
            return null;
        }
        return replace(replace(text, EMAIL, true), PHONE, true);
    }

    /** Text with the given personal values (case-insensitive) and any address-like token replaced by {@code [removed]}. */
    public static String strip(String text, Collection<String> personal) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String value : personal) {
            if (value != null && !value.isBlank()) {
                result = Pattern.compile("(?<![\\w.@+-])" + Pattern.quote(value) + "(?![\\w@-])", Pattern.CASE_INSENSITIVE)
                        .matcher(result).replaceAll(REMOVED);
            }
        }
        return replace(replace(result, EMAIL, false), PHONE, false);
    }

    /** Whether the text holds one of the personal values or anything that looks like an address. */
    public static boolean containsPersonal(String text, Collection<String> personal) {
        return text != null && !strip(text, personal).equals(text);
    }

    private static String replace(String text, Pattern pattern, boolean masked) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(masked ? mask(m.group()) : REMOVED));
        }
        return m.appendTail(out).toString();
    }
}
