package io.campaignpilot.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.security.ApiUser;
import io.campaignpilot.web.FieldError;
import io.campaignpilot.web.InvalidInputException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** POST /api/triggers: business events from integrators (ERP, commerce, loyalty, analytics). */
@RestController
@RequestMapping("/api/triggers")
public class TriggerController {
    static final int MAX_BODY_BYTES = 32 * 1024;
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final Set<String> FIELDS = Set.of("eventId", "type", "occurredAt", "skus", "category", "region",
            "title", "objective", "discountPercent", "channels", "segment");

    private final TriggerService triggers;
    private final CampaignRegistration registration;
    private final ObjectMapper json;

    public TriggerController(TriggerService triggers, CampaignRegistration registration, ObjectMapper json) {
        this.triggers = triggers;
        this.registration = registration;
        this.json = json;
    }

    @PostMapping(consumes = "*/*")
    public ResponseEntity<Map<String, Object>> trigger(@RequestBody(required = false) byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidInputException("body", "is empty: send a JSON trigger event");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new InvalidInputException("body", "is " + body.length + " bytes, larger than the limit of " + MAX_BODY_BYTES);
        }
        JsonNode event;
        try {
            event = json.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("body", "malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        if (event == null || !event.isObject()) {
            throw new InvalidInputException("body", "must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> names = event.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, "unknown field"));
            }
        }
        String eventId = text(event, "eventId", true, errors);
        if (eventId != null && !EVENT_ID.matcher(eventId).matches()) {
            errors.add(new FieldError("eventId", "must be 1-100 characters of letters, digits, '.', '_', ':' or '-'"));
        }
        TriggerType type = null;
        String typeText = text(event, "type", true, errors);
        if (typeText != null) {
            try {
                type = TriggerType.valueOf(typeText);
                if (type == TriggerType.BRIEF) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                type = null;
                errors.add(new FieldError("type", "unknown type " + typeText + "; use one of "
                        + Arrays.stream(TriggerType.values()).filter(t -> t != TriggerType.BRIEF).toList()));
            }
        }
        String occurredAt = text(event, "occurredAt", true, errors);
        if (occurredAt != null) {
            try {
                Instant.parse(occurredAt);
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("occurredAt", "must be an ISO-8601 instant such as 2026-11-20T09:00:00Z"));
            }
        }
        Integer discount = null;
        if (event.has("discountPercent") && !event.get("discountPercent").isNull()) {
            if (event.get("discountPercent").isIntegralNumber()) {
                discount = event.get("discountPercent").asInt();
            } else {
                errors.add(new FieldError("discountPercent", "must be a whole number"));
            }
        }
        Brief brief = new Brief(text(event, "title", false, errors), text(event, "region", false, errors),
                text(event, "category", false, errors), list(event, "skus", errors), discount,
                list(event, "channels", errors), text(event, "segment", false, errors), text(event, "objective", false, errors));
        errors.addAll(registration.validate(brief));
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        TriggerService.Accepted accepted = triggers.accept(eventId, type, brief, ApiUser.current());
        Campaign c = accepted.campaign();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("campaignId", c.id());
        answer.put("eventId", c.triggerEventId());
        answer.put("status", c.status());
        answer.put("duplicate", !accepted.started());
        URI location = URI.create("/api/campaigns/" + c.id());
        return accepted.started() ? ResponseEntity.created(location).body(answer)
                : ResponseEntity.ok().location(location).body(answer);
    }

    private static String text(JsonNode event, String field, boolean required, List<FieldError> errors) {
        JsonNode node = event.get(field);
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        return node.asText().trim();
    }

    private static List<String> list(JsonNode event, String field, List<FieldError> errors) {
        JsonNode node = event.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            errors.add(new FieldError(field, "must be an array of strings"));
            return null;
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                errors.add(new FieldError(field + "[" + i + "]", "must be a string"));
            } else {
                values.add(node.get(i).asText());
            }
        }
        return values;
    }
}
