package io.campaignpilot.web;

/** One reason input was refused, naming the field. */
public record FieldError(String field, String reason) {
}
