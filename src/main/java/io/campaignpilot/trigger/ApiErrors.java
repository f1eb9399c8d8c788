package io.campaignpilot.trigger;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One error shape for the whole /api: status, message and the list of {field, reason}. */
@RestControllerAdvice(basePackages = "io.campaignpilot")
public class ApiErrors {

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidInputException e) {
        return body(HttpStatus.BAD_REQUEST, "invalid input", e.errors());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return body(HttpStatus.BAD_REQUEST, "invalid input", List.of(new FieldError("body", "cannot be read: "
                + e.getMostSpecificCause().getMessage())));
    }

    @ExceptionHandler(io.campaignpilot.knowledge.KnowledgeUnavailableException.class)
    ResponseEntity<Map<String, Object>> knowledgeUnavailable(io.campaignpilot.knowledge.KnowledgeUnavailableException e) {
        return body(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), List.of());
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<Map<String, Object>> status(ResponseStatusException e) {
        return body(HttpStatus.valueOf(e.getStatusCode().value()), e.getReason(), List.of());
    }

    static ResponseEntity<Map<String, Object>> body(HttpStatus status, String message, List<FieldError> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        body.put("error", status.getReasonPhrase());
        body.put("message", message);
        body.put("errors", errors);
        return ResponseEntity.status(status).body(body);
    }
}
