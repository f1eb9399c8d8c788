package io.campaignpilot.scorecard;

import io.campaignpilot.web.InvalidInputException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** GET /api/scorecard?from=2026-11-01&to=2026-12-01: the campaigns registered from the first day up to the second. */
@RestController
public class ScorecardController {
    private static final Duration LONGEST = Duration.ofDays(366);

    private final Scorecards scorecards;

    public ScorecardController(Scorecards scorecards) {
        this.scorecards = scorecards;
    }

    @GetMapping("/api/scorecard")
    public Scorecard scorecard(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        LocalDate end = to == null ? LocalDate.now(ZoneOffset.UTC).plusDays(1) : to;
        LocalDate start = from == null ? end.minusDays(30) : from;
        if (!start.isBefore(end)) {
            throw new InvalidInputException("to", "must be after from (" + start + ")");
        }
        Instant startAt = start.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant endAt = end.atStartOfDay(ZoneOffset.UTC).toInstant();
        if (Duration.between(startAt, endAt).compareTo(LONGEST) > 0) {
            throw new InvalidInputException("to", "is more than 366 days after from: ask for a year at a time");
        }
        return scorecards.between(startAt, endAt);
    }
}
