package io.campaignpilot.campaign;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The channels a campaign can publish to. The lower-case key is what processes and APIs use. */
public enum Channel {
    EMAIL, SMS, PUSH, WEB, SOCIAL;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Channel> fromKey(String key) {
        return Arrays.stream(values()).filter(c -> c.key().equalsIgnoreCase(key == null ? "" : key.trim())).findFirst();
    }

    public static Channel of(String key) {
        return fromKey(key).orElseThrow(() -> new IllegalArgumentException("unknown channel: " + key));
    }

    /** Parses "email,sms" into channels, ignoring blanks. */
    public static List<Channel> parseList(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Channel::of).distinct().toList();
    }

    public static String toCsv(List<Channel> channels) {
        return String.join(",", channels.stream().map(Channel::key).toList());
    }
}
