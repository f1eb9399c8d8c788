package io.campaignpilot.measurement;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignpilot.web.FieldError;
import io.campaignpilot.web.InvalidInputException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** POST /api/outcomes: orders from the commerce platform, the raw material of lift measurement. */
@RestController
public class OutcomeController {
    private final MeasurementService measurement;

    public OutcomeController(MeasurementService measurement) {
        this.measurement = measurement;
    }

    @PostMapping("/api/outcomes")
    public ResponseEntity<Map<String, Object>> order(@RequestBody JsonNode order) {
        List<FieldError> errors = new ArrayList<>();
        String eventId = order.path("eventId").asText("");
        if (eventId.isBlank() || eventId.length() > 100) {
            errors.add(new FieldError("eventId", "is required (at most 100 characters)"));
        }
        if (!order.path("customerId").canConvertToLong()) {
            errors.add(new FieldError("customerId", "must be a customer number"));
        }
        if (order.path("sku").asText("").isBlank()) {
            errors.add(new FieldError("sku", "is required"));
        }
        if (!order.path("quantity").isIntegralNumber() || order.path("quantity").asInt() < 1) {
            errors.add(new FieldError("quantity", "must be a whole number of at least 1"));
        }
        if (!order.path("revenue").isNumber() || order.path("revenue").decimalValue().signum() < 0) {
            errors.add(new FieldError("revenue", "must be a non-negative amount"));
        }
        Instant at = null;
        try {
            at = Instant.parse(order.path("occurredAt").asText(""));
        } catch (RuntimeException e) {
            errors.add(new FieldError("occurredAt", "must be an ISO-8601 instant"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        boolean recorded = measurement.recordOrder(eventId, order.path("customerId").asLong(), order.path("sku").asText(),
                order.path("quantity").asInt(), new BigDecimal(order.path("revenue").asText()), at);
        return ResponseEntity.status(recorded ? 201 : 200).body(Map.of("eventId", eventId, "duplicate", !recorded));
    }
}
