package io.campaignpilot.publishing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.regex.Pattern;

/**
 * Phone numbers in E.164 ({@code +447700900123}), the one form SMS providers and ad platforms' customer matching both
 * expect. The CRM may hold national numbers ({@code 07700 900123}): those get {@code defaultCountryCode} in place of
 * their trunk zero.
 *
 * @param defaultCountryCode the country calling code of numbers written without one, digits only (44: the UK)
 */
@ConfigurationProperties("campaignpilot.publishing.phone-numbers")
record PhoneNumbers(@DefaultValue("44") String defaultCountryCode) {
    private static final Pattern WRITTEN = Pattern.compile("[+]?[0-9 ()./-]+");

    PhoneNumbers {
        if (defaultCountryCode == null || !defaultCountryCode.matches("[1-9][0-9]{0,2}")) {
            throw new IllegalArgumentException("campaignpilot.publishing.phone-numbers.default-country-code must be a "
                    + "country calling code of 1 to 3 digits, such as 44, not '" + defaultCountryCode + "'");
        }
    }

    /** The number in E.164, or null when it is missing or cannot be a phone number. */
    String e164(String written) {
        if (written == null) {
            return null;
        }
        // "+44 (0)7700 900123": the bracketed trunk zero is dialled only from inside the country
        String text = written.strip().replace("(0)", "");
        if (!WRITTEN.matcher(text).matches()) {
            return null;
        }
        String digits = text.replaceAll("[^0-9]", "");
        String international;
        if (text.startsWith("+")) {
            international = digits;
        } else if (digits.startsWith("00")) {
            international = digits.substring(2);
        } else if (digits.startsWith("0")) {
            international = defaultCountryCode + digits.substring(1);
        } else {
            international = defaultCountryCode + digits;
        }
        // E.164 allows at most 15 digits; fewer than 8 is no subscriber number anywhere
        return international.length() >= 8 && international.length() <= 15 && !international.startsWith("0")
                ? "+" + international : null;
    }
}
