package io.campaignpilot.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.stream.Collectors;

/** Reads a message body as the REST door reads a request body: bound strictly, then validated, every problem named. */
@Component
public class IntakeMessages {
    private final ObjectMapper json;
    private final Validator validator;

    public IntakeMessages(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    public <T> T read(String body, Class<T> type) {
        T value;
        try {
            value = json.readValue(body, type);
        } catch (MismatchedInputException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            throw new InvalidMessageException((field.isEmpty() ? "body" : field) + ": " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException("body: not JSON (" + e.getOriginalMessage() + ")");
        }
        if (value == null) {
            throw new InvalidMessageException("body: is empty");
        }
        var violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new InvalidMessageException(violations.stream()
                    .sorted(Comparator.comparing((ConstraintViolation<T> v) -> v.getPropertyPath().toString()))
                    .map(v -> v.getPropertyPath() + ": " + v.getMessage()).collect(Collectors.joining("; ")));
        }
        return value;
    }
}
