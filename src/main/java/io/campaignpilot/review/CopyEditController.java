package io.campaignpilot.review;

import io.campaignpilot.campaign.Channel;
import io.campaignpilot.security.ApiUser;
import io.campaignpilot.web.FieldError;
import io.campaignpilot.web.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reviewer edits the copy under review: {@code PUT /api/campaigns/{id}/variants} with
 * {@code {"edits": [{"channel": "email", "variantNo": 1, "field": "subject", "value": "..."}]}}. 200 with the saved
 * variants and the findings, or 422 with the findings when the rules refuse the edit (nothing is saved).
 */
@RestController
@RequestMapping("/api/campaigns")
class CopyEditController {
    record EditBody(String channel, Integer variantNo, String field, String value) {
    }

    record EditsBody(List<EditBody> edits) {
    }

    private final ReviewEdits reviewEdits;

    CopyEditController(ReviewEdits reviewEdits) {
        this.reviewEdits = reviewEdits;
    }

    @PutMapping("/{id}/variants")
    ResponseEntity<Map<String, Object>> edit(@PathVariable String id, @RequestBody EditsBody body) {
        List<ReviewEdits.Edit> edits = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        List<EditBody> given = body == null || body.edits() == null ? List.of() : body.edits();
        for (int i = 0; i < given.size(); i++) {
            EditBody e = given.get(i);
            String where = "edits[" + i + "]";
            if (e == null || e.channel() == null || Channel.fromKey(e.channel()).isEmpty()) {
                errors.add(new FieldError(where + ".channel", "must be one of email, sms, push, web, social"));
            } else if (e.variantNo() == null || e.variantNo() < 1) {
                errors.add(new FieldError(where + ".variantNo", "must be a variant number, 1 or more"));
            } else if (e.field() == null || e.field().isBlank()) {
                errors.add(new FieldError(where + ".field", "is required"));
            } else {
                edits.add(new ReviewEdits.Edit(Channel.of(e.channel()), e.variantNo(), e.field(), e.value()));
            }
        }
        if (given.isEmpty()) {
            errors.add(new FieldError("edits", "at least one edit is required"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        ReviewEdits.Result result;
        try {
            result = reviewEdits.apply(id, edits, ApiUser.current());
        } catch (java.util.NoSuchElementException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        } catch (NotTheReviewerException e) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, e.getMessage());
        } catch (IllegalStateException e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, e.getMessage());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accepted", result.accepted());
        if (!result.accepted()) {
            answer.put("status", 422);
            answer.put("message", result.reason());
        }
        answer.put("rulesVersion", result.rulesVersion());
        answer.put("findings", result.findings());
        answer.put("variants", result.variants());
        return ResponseEntity.status(result.accepted() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY).body(answer);
    }
}
