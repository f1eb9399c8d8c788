package io.campaignpilot.trigger;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.Instant;
import java.util.List;

/**
 * A business event from an integrator (ERP, commerce, loyalty, analytics): what happened, and the campaign it asks for
 * (to the region's segment, or to the customers it names).
 * Strings are trimmed and a blank one counts as absent. The type and the brief are checked against the catalog,
 * regions and segments by {@link AcceptableEvent}, so every problem is answered at once.
 */
@AcceptableEvent
record TriggerEvent(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}",
                message = "must be 1-100 characters of letters, digits, '.', '_', ':' or '-'") String eventId,
        @NotBlank String type,
        @NotNull Instant occurredAt,
        String title, String region, String category, List<String> skus, Integer discountPercent,
        List<String> channels, String segment, String objective, List<Long> customers) {

    TriggerEvent {
        eventId = trimmed(eventId);
        type = trimmed(type);
        title = trimmed(title);
        region = trimmed(region);
        category = trimmed(category);
        segment = trimmed(segment);
        objective = trimmed(objective);
    }

    /** Valid once the event is: {@link AcceptableEvent} checked the type. */
    TriggerType triggerType() {
        return TriggerType.valueOf(type);
    }

    Brief brief() {
        return new Brief(title, region, category, skus, discountPercent, channels, segment, objective, customers);
    }

    private static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
