package io.campaignpilot.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.Errors;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.validation.method.ParameterErrors;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One error shape for the whole /api: status, message and the list of {field, reason}. Request bodies are records:
 * Jackson refuses what does not fit their shape (an unknown field, a wrong JSON type; the field is its JSON path such
 * as {@code skus[1]}), Bean Validation what breaks their constraints, and a capability what needs data; each ends here.
 */
@RestControllerAdvice(basePackages = "io.campaignpilot")
public class ApiErrors {
    private static final String INVALID = "invalid input";

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidInputException e) {
        return body(HttpStatus.BAD_REQUEST, INVALID, e.errors());
    }

    /** A request record's constraints, every broken one named by its path in the body. */
    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<Map<String, Object>> notValid(MethodArgumentNotValidException e) {
        return body(HttpStatus.BAD_REQUEST, INVALID, errors(e.getBindingResult(), "body"));
    }

    /** Constraints on handler parameters themselves (a path variable, a query parameter, a body). */
    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<Map<String, Object>> notValid(HandlerMethodValidationException e) {
        List<FieldError> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            String parameter = result.getMethodParameter().getParameterName();
            if (result instanceof ParameterErrors bean) {
                errors.addAll(errors(bean, parameter));
            } else {
                result.getResolvableErrors().forEach(error -> errors.add(new FieldError(parameter, error.getDefaultMessage())));
            }
        });
        return body(HttpStatus.BAD_REQUEST, INVALID, errors);
    }

    /** A body Jackson could not bind: empty, not JSON, or not the shape of the request record. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return body(HttpStatus.BAD_REQUEST, INVALID, List.of(unreadable(e.getCause())));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> unsupported(HttpMediaTypeNotSupportedException e) {
        return body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported content type", List.of(new FieldError("Content-Type",
                "'" + e.getContentType() + "' is not one of " + e.getSupportedMediaTypes())));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, Object>> missingParameter(MissingServletRequestParameterException e) {
        return body(HttpStatus.BAD_REQUEST, INVALID, List.of(new FieldError(e.getParameterName(), "is required")));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> mistyped(MethodArgumentTypeMismatchException e) {
        return body(HttpStatus.BAD_REQUEST, INVALID, List.of(new FieldError(e.getName(),
                "'" + e.getValue() + "' is not " + expected(e.getRequiredType()))));
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Map<String, Object>> conflict(ConflictException e) {
        return body(HttpStatus.CONFLICT, e.getMessage(), List.of());
    }

    @ExceptionHandler(UnavailableException.class)
    ResponseEntity<Map<String, Object>> unavailable(UnavailableException e) {
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

    /** Field errors by their path; an error of the whole object is the object's. */
    private static List<FieldError> errors(Errors result, String object) {
        List<FieldError> errors = new ArrayList<>();
        result.getGlobalErrors().forEach(error -> errors.add(new FieldError(object, error.getDefaultMessage())));
        result.getFieldErrors().forEach(error -> errors.add(new FieldError(error.getField(), error.getDefaultMessage())));
        return errors;
    }

    /** What Jackson could not read, as a field and a reason: for bodies read outside Spring's binding (batch rows). */
    public static FieldError readError(JsonProcessingException e) {
        return unreadable(e);
    }

    private static FieldError unreadable(Throwable cause) {
        if (cause == null) {
            // Spring found no body at all (Jackson reads JSON null as none too)
            return new FieldError("body", "is empty: send a JSON object");
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return new FieldError(path(unknown), "is not a known field; known: "
                    + new TreeSet<>(unknown.getKnownPropertyIds().stream().map(String::valueOf).toList()));
        }
        if (cause instanceof InvalidFormatException invalid) {
            return new FieldError(path(invalid), "'" + invalid.getValue() + "' is not " + expected(invalid.getTargetType()));
        }
        if (cause instanceof MismatchedInputException mismatched) {
            return new FieldError(path(mismatched), "must be " + expected(mismatched.getTargetType()));
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            // a value the record refused as it was built, or a number beyond its type
            return new FieldError(path(mapping), mapping.getOriginalMessage());
        }
        if (cause instanceof JsonProcessingException malformed && malformed.getLocation() != null) {
            return new FieldError("body", "malformed JSON at line " + malformed.getLocation().getLineNr() + ", column "
                    + malformed.getLocation().getColumnNr() + ": " + malformed.getOriginalMessage());
        }
        return new FieldError("body", "cannot be read: " + cause.getMessage());
    }

    /** The JSON path of the value, as a client writes it: {@code offer.percent}, {@code skus[1]}; the root is "body". */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            if (step.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /** What a value of the type looks like, in the words of the JSON a client sends. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class || type == BigInteger.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class || type == BigDecimal.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant such as 2026-11-20T09:00:00Z";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type.isRecord() || Map.class.isAssignableFrom(type)) {
            return "a JSON object";
        }
        return "a valid " + type.getSimpleName();
    }
}
