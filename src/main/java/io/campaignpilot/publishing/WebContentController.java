package io.campaignpilot.publishing;

import io.campaignpilot.web.FieldError;
import io.campaignpilot.web.InvalidInputException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/web-content?customerId=…&slot=home-hero}, for the storefront's server (an API token of the
 * storefront group): 200 with the customer's live web copy, or 204 when there is nothing to show them — holdout, no
 * web consent, no live campaign, or an id nobody has (the storefront renders its default either way, and the answer
 * does not tell which ids are customers).
 */
@RestController
class WebContentController {
    private final WebContent content;

    WebContentController(WebContent content) {
        this.content = content;
    }

    @GetMapping("/api/web-content")
    ResponseEntity<WebContent.Live> live(@RequestParam(required = false) String customerId,
                                         @RequestParam(required = false) String slot) {
        List<FieldError> errors = new ArrayList<>();
        long id = 0;
        if (customerId == null || customerId.isBlank()) {
            errors.add(new FieldError("customerId", "is required"));
        } else {
            try {
                id = Long.parseLong(customerId.strip());
            } catch (NumberFormatException e) {
                id = -1;
            }
            if (id <= 0) {
                errors.add(new FieldError("customerId", quote(customerId) + " is not a customer id (a positive whole number)"));
            }
        }
        if (slot == null || slot.isBlank()) {
            errors.add(new FieldError("slot", "is required: one of " + WebContent.SLOTS));
        } else if (!WebContent.SLOTS.contains(slot)) {
            errors.add(new FieldError("slot", quote(slot) + " is not a storefront slot: one of " + WebContent.SLOTS));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return content.live(id, slot).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
    }

    /** The value as given, cut short: an error message is no place to echo a whole request back. */
    private static String quote(String value) {
        return "'" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'";
    }
}
