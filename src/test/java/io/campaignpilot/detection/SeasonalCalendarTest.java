package io.campaignpilot.detection;

import io.campaignpilot.catalog.Regions;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The seasonal calendar process owners edit: read line by line, each bad line named, each season fired in its lead time. */
class SeasonalCalendarTest {
    private static final DetectionProperties SETTINGS = new DetectionProperties(true, Duration.ofHours(1), 10,
            Duration.ofDays(28), List.of("email"), "classpath:rules/seasonal-calendar.csv",
            new DetectionProperties.Overstock(12, Map.of(), 50, 15), new DetectionProperties.BackInStock(Duration.ofDays(90), 3, Map.of()),
            new DetectionProperties.ConversionDrop(0.25, Map.of(), 4, 50, 10),
            new DetectionProperties.Loyalty(true, List.of(5, 10), List.of(500), 1, Duration.ofDays(7), 10, 10_000, 40), 14);
    private final EventDetection detection = new EventDetection(SETTINGS, null, null, null,
            new Regions(List.of("north", "south", "east", "west")), null, new DefaultResourceLoader());

    @Test
    void theShippedCalendarReadsWithoutAProblem() throws Exception {
        SeasonalCalendar calendar = SeasonalCalendar.read("seasonal-calendar.csv",
                Files.newBufferedReader(Path.of("rules/seasonal-calendar.csv")));
        assertThat(calendar.problems()).isEmpty();
        assertThat(calendar.seasons()).isNotEmpty();
        assertThat(detection.calendar().seasons()).hasSameSizeAs(calendar.seasons());
    }

    @Test
    void eachBadLineIsNamedByFileAndLineAndTheOthersStillCount() throws Exception {
        SeasonalCalendar calendar = SeasonalCalendar.read("my-calendar.csv", new StringReader("""
                # our seasons
                date,title,region,category,skus,discountPercent,channels,segment
                2027-03-20,Spring into the outdoors,*,outdoor,,10,email|push,
                2027-02-30,Not a day,south,outdoor,,,,
                2027-04-01,,south,outdoor,,,,
                2027-04-01,Too few fields,south
                2027-05-01,Half off,south,outdoor,,half,,
                2027-06-01,Picnic season,south,,HP-OUT-004|HP-OUT-002,15,email,outdoor-enthusiasts
                """));
        assertThat(calendar.problems()).containsExactly(
                "my-calendar.csv:4: date \"2027-02-30\" is not a date like 2026-12-01",
                "my-calendar.csv:5: title is required",
                "my-calendar.csv:6: has 3 fields, needs 8 (" + SeasonalCalendar.HEADER + ")",
                "my-calendar.csv:7: discountPercent \"half\" is not a whole number");
        assertThat(calendar.seasons()).extracting(SeasonalCalendar.Season::title)
                .containsExactly("Spring into the outdoors", "Picnic season");
        SeasonalCalendar.Season picnic = calendar.seasons().get(1);
        assertThat(picnic.skus()).containsExactly("HP-OUT-004", "HP-OUT-002");
        assertThat(picnic.brief("south", List.of("email")).segment()).isEqualTo("outdoor-enthusiasts");
    }

    @Test
    void aSeasonFiresInItsLeadTimeOncePerRegionWithAStableEventId() throws Exception {
        SeasonalCalendar calendar = SeasonalCalendar.read("c.csv", new StringReader("""
                date,title,region,category,skus,discountPercent,channels,segment
                2027-03-20,Spring into the outdoors!,*,outdoor,,10,email|push,
                2027-06-01,Picnic season,south,outdoor,,15,,
                """));

        assertThat(detection.seasons(calendar, null, Instant.parse("2027-03-05T08:00:00Z"))).isEmpty(); // 15 days before
        var firing = detection.seasons(calendar, null, Instant.parse("2027-03-06T08:00:00Z"));
        assertThat(firing).extracting(Detection::eventId).containsExactlyInAnyOrder(
                "seasonal:2027-03-20:spring-into-the-outdoors:north", "seasonal:2027-03-20:spring-into-the-outdoors:south",
                "seasonal:2027-03-20:spring-into-the-outdoors:east", "seasonal:2027-03-20:spring-into-the-outdoors:west");
        assertThat(firing.getFirst().brief().channels()).containsExactly("email", "push");
        assertThat(firing.getFirst().brief().discountPercent()).isEqualTo(10);
        // the same ids on every later pass until the day, so the trigger path starts each once
        assertThat(detection.seasons(calendar, null, Instant.parse("2027-03-20T23:00:00Z"))).extracting(Detection::eventId)
                .containsExactlyInAnyOrderElementsOf(firing.stream().map(Detection::eventId).toList());
        assertThat(detection.seasons(calendar, null, Instant.parse("2027-03-21T00:00:00Z"))).isEmpty();
        assertThat(detection.seasons(calendar, "apparel", Instant.parse("2027-03-10T08:00:00Z"))).isEmpty();
        assertThat(detection.seasons(calendar, null, Instant.parse("2027-05-25T08:00:00Z"))).singleElement()
                .satisfies(d -> assertThat(d.brief().channels()).as("the default channels").containsExactly("email"));
    }
}
