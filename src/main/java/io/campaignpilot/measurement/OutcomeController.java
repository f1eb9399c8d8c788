package io.campaignpilot.measurement;

import io.campaignpilot.web.InvalidInputException;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** POST /api/outcomes: orders and returns from the commerce platform, the raw material of lift measurement. */
@RestController
public class OutcomeController {
    /** About 10,000 rows of a few hundred characters: a bigger file is split by the sender. */
    private static final int MAX_BATCH_CHARS = 5_000_000;

    private final Orders orders;
    private final OutcomeBatch batch;

    public OutcomeController(Orders orders, OutcomeBatch batch) {
        this.orders = orders;
        this.batch = batch;
    }

    @PostMapping("/api/outcomes")
    public ResponseEntity<Map<String, Object>> order(@RequestBody @Valid OrderOutcome order) {
        boolean recorded = orders.record(order);
        return ResponseEntity.status(recorded ? 201 : 200).body(Map.of("eventId", order.eventId(), "duplicate", !recorded));
    }

    /** A file of orders and returns, one JSON object per line: good rows are recorded, bad rows listed by line. */
    @PostMapping(path = "/api/outcomes/batch", consumes = "application/x-ndjson")
    public OutcomeBatch.Result ndjson(@RequestBody String body) {
        return batch.importNdjson(limited(body));
    }

    /** The same as CSV with a header row naming the fields. */
    @PostMapping(path = "/api/outcomes/batch", consumes = "text/csv")
    public OutcomeBatch.Result csv(@RequestBody String body) {
        return batch.importCsv(limited(body));
    }

    private static String limited(String body) {
        if (body.length() > MAX_BATCH_CHARS) {
            throw new InvalidInputException("body", "is larger than " + MAX_BATCH_CHARS + " characters: split the file");
        }
        return body;
    }
}
