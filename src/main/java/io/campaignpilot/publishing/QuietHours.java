package io.campaignpilot.publishing;

import io.campaignpilot.audience.Customer;
import io.campaignpilot.campaign.Channel;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;

/**
 * When a channel may not reach a customer, in the customer's own time zone: an SMS at 23:00 London time is held until
 * the window ends, never dropped. A window such as 21:00-08:00 runs over midnight; its end is found on the local
 * calendar, so a daylight-saving change moves it with the clock on the wall.
 */
final class QuietHours {

    /** A window of local time, start inclusive, end exclusive. */
    record Window(LocalTime start, LocalTime end) {
        Window {
            if (start.equals(end)) {
                throw new IllegalArgumentException("quiet hours " + start + "-" + end + " are empty: leave the channel out instead");
            }
        }

        boolean contains(LocalTime time) {
            return start.isBefore(end)
                    ? !time.isBefore(start) && time.isBefore(end)
                    : !time.isBefore(start) || time.isBefore(end);
        }

        /** The first instant at or after {@code local} when the window is over. */
        Instant endAfter(ZonedDateTime local) {
            LocalDate day = local.toLocalTime().isBefore(end) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
            return ZonedDateTime.of(day, end, local.getZone()).toInstant();
        }

        @Override
        public String toString() {
            return start + "-" + end;
        }
    }

    /** A recipient to be held, until when, and the reason as the delivery shows it. */
    record Hold(Instant until, String reason) {
    }

    private final Map<Channel, Window> windows = new EnumMap<>(Channel.class);
    private final ZoneId defaultZone;

    /**
     * @param windows     channel key to "HH:mm-HH:mm"
     * @param defaultZone the zone of customers whose own is unknown
     */
    QuietHours(Map<String, String> windows, String defaultZone) {
        this.defaultZone = zone("campaignpilot.publishing.default-time-zone", defaultZone);
        windows.forEach((channel, window) -> this.windows.put(Channel.of(channel), parse(channel, window)));
    }

    /** Null when the channel may reach the customer at {@code now}; otherwise until when to hold the message. */
    Hold hold(Channel channel, Customer customer, Instant now) {
        Window window = windows.get(channel);
        if (window == null) {
            return null;
        }
        ZoneId zone = zoneOf(customer);
        ZonedDateTime local = now.atZone(zone);
        if (!window.contains(local.toLocalTime())) {
            return null;
        }
        Instant until = window.endAfter(local);
        return new Hold(until, "held for quiet hours (" + window + " " + zone.getId() + ") until " + until);
    }

    Map<Channel, Window> windows() {
        return Map.copyOf(windows);
    }

    private ZoneId zoneOf(Customer customer) {
        if (customer.timeZone() == null || customer.timeZone().isBlank()) {
            return defaultZone;
        }
        try {
            return ZoneId.of(customer.timeZone());
        } catch (DateTimeException unknown) {
            // a CRM typo must not wake anyone at night: the retailer's own zone is the better guess
            return defaultZone;
        }
    }

    private static Window parse(String channel, String window) {
        String[] parts = window == null ? new String[0] : window.trim().split("\\s*-\\s*");
        try {
            if (parts.length == 2) {
                return new Window(LocalTime.parse(parts[0]), LocalTime.parse(parts[1]));
            }
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("campaignpilot.publishing.quiet-hours." + channel + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("campaignpilot.publishing.quiet-hours." + channel + ": '" + window
                + "' is not a window like 21:00-08:00");
    }

    private static ZoneId zone(String property, String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(property + ": '" + id + "' is not a time zone id such as Europe/London", e);
        }
    }
}
