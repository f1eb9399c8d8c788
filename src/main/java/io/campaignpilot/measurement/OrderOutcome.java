package io.campaignpilot.measurement;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order or a return from the commerce platform: who bought (or brought back) how much of what, for what, and when.
 * {@code kind} is ORDER when absent; a RETURN's {@code revenue} is the amount refunded and {@code returnedOrder} may
 * name the order's event id.
 */
public record OrderOutcome(
        @NotBlank @Size(max = 100, message = "is at most 100 characters") String eventId,
        Kind kind,
        @NotNull Long customerId,
        @NotBlank @Size(max = 32, message = "is at most 32 characters") String sku,
        @NotNull @Min(value = 1, message = "must be a whole number of at least 1") Integer quantity,
        @NotNull @PositiveOrZero(message = "must be a non-negative amount") BigDecimal revenue,
        @NotNull Instant occurredAt,
        @Size(max = 100, message = "is at most 100 characters") String returnedOrder) {

    public enum Kind { ORDER, RETURN }

    /** What the event adds to the customer's revenue: a refund takes it away. */
    BigDecimal netRevenue() {
        return kind == Kind.RETURN ? revenue.negate() : revenue;
    }

    Kind kindOrOrder() {
        return kind == null ? Kind.ORDER : kind;
    }
}
