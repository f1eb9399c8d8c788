package io.campaignpilot.review;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.security.ApiUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

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
    /** The reviewer's edits, applied together or not at all. */
    record EditsRequest(@NotEmpty(message = "at least one edit is required") List<@NotNull @Valid EditRequest> edits) {
    }

    /** One field of one variant, as the reviewer wants it to read; channel keys in any case ("email", "EMAIL"). */
    record EditRequest(@NotNull @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_VALUES) Channel channel,
                       @NotNull @Min(value = 1, message = "must be a variant number, 1 or more") Integer variantNo,
                       @NotBlank String field, String value) {
    }

    private final ReviewEdits reviewEdits;

    CopyEditController(ReviewEdits reviewEdits) {
        this.reviewEdits = reviewEdits;
    }

    @PutMapping("/{id}/variants")
    ResponseEntity<Map<String, Object>> edit(@PathVariable String id, @RequestBody @Valid EditsRequest request) {
        List<ReviewEdits.Edit> edits = request.edits().stream()
                .map(e -> new ReviewEdits.Edit(e.channel(), e.variantNo(), e.field(), e.value())).toList();
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
