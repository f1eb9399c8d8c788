package io.campaignpilot.measurement;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;

/** An order from the commerce platform: who bought how much of what, for what, and when. */
record OrderOutcome(
        @NotBlank @Size(max = 100, message = "is at most 100 characters") String eventId,
        @NotNull Long customerId,
        @NotBlank String sku,
        @NotNull @Min(value = 1, message = "must be a whole number of at least 1") Integer quantity,
        @NotNull @PositiveOrZero(message = "must be a non-negative amount") BigDecimal revenue,
        @NotNull Instant occurredAt) {
}
