package io.campaignpilot.trigger;

import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.security.ApiUser;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * POST /api/triggers: business events from integrators (ERP, commerce, loyalty, analytics). 201 with the campaign it
 * started, 200 for an eventId seen before, 400 naming every bad field (see {@link TriggerEvent}).
 */
@RestController
@RequestMapping("/api/triggers")
public class TriggerController {
    private final TriggerService triggers;

    public TriggerController(TriggerService triggers) {
        this.triggers = triggers;
    }

    @PostMapping
    public ResponseEntity<Map<String, Object>> trigger(@RequestBody @Valid TriggerEvent event) {
        TriggerService.Accepted accepted = triggers.accept(event.eventId(), event.triggerType(), event.brief(),
                ApiUser.current());
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
}
