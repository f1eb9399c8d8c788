package io.campaignpilot.measurement;

import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** POST /api/outcomes: orders from the commerce platform, the raw material of lift measurement. */
@RestController
public class OutcomeController {
    private final Orders orders;

    public OutcomeController(Orders orders) {
        this.orders = orders;
    }

    @PostMapping("/api/outcomes")
    public ResponseEntity<Map<String, Object>> order(@RequestBody @Valid OrderOutcome order) {
        boolean recorded = orders.record(order.eventId(), order.customerId(), order.sku(), order.quantity(),
                order.revenue(), order.occurredAt());
        return ResponseEntity.status(recorded ? 201 : 200).body(Map.of("eventId", order.eventId(), "duplicate", !recorded));
    }
}
