package io.campaignpilot.dev;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Time zones for tests whose outcome depends on the customers' local time (quiet hours), whenever they run. */
public final class TimeZones {
    private TimeZones() {
    }

    /** A fixed-offset zone in which the local time is now {@code hour}:xx. */
    public static String whereItIs(int hour) {
        int offset = hour - ZonedDateTime.now(ZoneOffset.UTC).getHour();
        if (offset < -12) {
            offset += 24;
        } else if (offset > 14) {
            offset -= 24;
        }
        return ZoneOffset.ofHours(offset).getId();
    }
}
