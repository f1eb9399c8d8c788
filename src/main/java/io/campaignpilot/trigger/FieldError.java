package io.campaignpilot.trigger;

/** One reason input was refused, naming the field. */
public record FieldError(String field, String reason) {
}
