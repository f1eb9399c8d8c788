package io.campaignpilot.publishing;

import io.campaignpilot.audience.Customer;
import io.campaignpilot.campaign.Channel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuietHoursTest {
    private final QuietHours quietHours = new QuietHours(Map.of("sms", "21:00-08:00", "push", "12:00 - 14:00"),
            "Europe/London");

    @Test
    void anSmsLateInTheCustomersEveningIsHeldUntilTheirMorning() {
        QuietHours.Hold hold = quietHours.hold(Channel.SMS, customer("America/New_York"), Instant.parse("2026-06-10T02:30:00Z"));

        assertThat(hold.until()).isEqualTo(Instant.parse("2026-06-10T12:00:00Z"));
        assertThat(hold.reason()).isEqualTo("held for quiet hours (21:00-08:00 America/New_York) until 2026-06-10T12:00:00Z");
    }

    @Test
    void theWindowRunsOverMidnightAndEndsAtItsEndExclusive() {
        Customer london = customer("Europe/London");
        // in winter London is on UTC
        assertThat(quietHours.hold(Channel.SMS, london, Instant.parse("2026-12-02T20:59:59Z"))).isNull();
        assertThat(quietHours.hold(Channel.SMS, london, Instant.parse("2026-12-02T21:00:00Z")).until())
                .isEqualTo(Instant.parse("2026-12-03T08:00:00Z"));
        assertThat(quietHours.hold(Channel.SMS, london, Instant.parse("2026-12-03T07:59:00Z")).until())
                .isEqualTo(Instant.parse("2026-12-03T08:00:00Z"));
        assertThat(quietHours.hold(Channel.SMS, london, Instant.parse("2026-12-03T08:00:00Z"))).isNull();
    }

    @Test
    void theMorningMovesWithTheClockOnTheWallWhenDaylightSavingStarts() {
        // clocks go forward in London on 29 March 2026: 08:00 local that morning is 07:00 UTC
        QuietHours.Hold hold = quietHours.hold(Channel.SMS, customer("Europe/London"), Instant.parse("2026-03-28T23:00:00Z"));

        assertThat(hold.until()).isEqualTo(Instant.parse("2026-03-29T07:00:00Z"));
    }

    @Test
    void aWindowWithinOneDayAndChannelsWithoutQuietHours() {
        Customer london = customer(null);
        assertThat(quietHours.hold(Channel.PUSH, london, Instant.parse("2026-12-02T13:00:00Z")).until())
                .isEqualTo(Instant.parse("2026-12-02T14:00:00Z"));
        assertThat(quietHours.hold(Channel.PUSH, london, Instant.parse("2026-12-02T15:00:00Z"))).isNull();
        assertThat(quietHours.hold(Channel.EMAIL, london, Instant.parse("2026-12-02T23:00:00Z"))).isNull();
    }

    @Test
    void aCustomerWithoutOrWithAnUnknownTimeZoneIsInTheRetailersZone() {
        Instant tenPastNineLondon = Instant.parse("2026-12-02T21:10:00Z");
        assertThat(quietHours.hold(Channel.SMS, customer(null), tenPastNineLondon).reason()).contains("Europe/London");
        assertThat(quietHours.hold(Channel.SMS, customer("Mars/Olympus_Mons"), tenPastNineLondon).reason())
                .contains("Europe/London");
    }

    @Test
    void aMistypedSettingNamesTheProperty() {
        assertThatThrownBy(() -> new QuietHours(Map.of("sms", "9pm to 8am"), "Europe/London"))
                .hasMessage("campaignpilot.publishing.quiet-hours.sms: '9pm to 8am' is not a window like 21:00-08:00");
        assertThatThrownBy(() -> new QuietHours(Map.of("sms", "25:00-08:00"), "Europe/London"))
                .hasMessageStartingWith("campaignpilot.publishing.quiet-hours.sms: Text '25:00' could not be parsed");
        assertThatThrownBy(() -> new QuietHours(Map.of(), "London"))
                .hasMessage("campaignpilot.publishing.default-time-zone: 'London' is not a time zone id such as Europe/London");
    }

    private static Customer customer(String zone) {
        return new Customer(7, "ann@example.com", "+447700900007", "Ann", "north", "en-GB", "foodies", "gold",
                true, true, true, true, true, zone);
    }
}
