package io.campaignpilot.detection;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Event detection for process owners: its settings and calendar, and a pass on request. */
@RestController
@RequestMapping("/api/detection")
public class DetectionController {
    private final EventDetection detection;
    private final DetectionProperties settings;

    public DetectionController(EventDetection detection, DetectionProperties settings) {
        this.detection = detection;
        this.settings = settings;
    }

    @GetMapping
    public Map<String, Object> overview() {
        SeasonalCalendar calendar = detection.calendar();
        Map<String, Object> overview = new LinkedHashMap<>();
        overview.put("settings", settings);
        overview.put("seasons", calendar.seasons());
        overview.put("calendarProblems", calendar.problems());
        return overview;
    }

    /** Runs a pass now, over every category or one: what it found and which campaigns it started. */
    @PostMapping("/run")
    public EventDetection.Pass run(@RequestParam(required = false) String category) {
        return detection.run(Instant.now(), category == null || category.isBlank() ? null : category.trim());
    }
}
