package io.campaignpilot.catalog;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * A change to one product's facts from the ERP or PIM: any of its price, unit cost, total stock, stock by region and
 * whether supply is constrained. What is absent stays as it is. The pre-publish check reads these facts.
 */
public record CatalogChange(
        @NotBlank @Size(max = 32, message = "is at most 32 characters") String sku,
        @PositiveOrZero(message = "must be a non-negative amount") BigDecimal price,
        @PositiveOrZero(message = "must be a non-negative amount") BigDecimal unitCost,
        @PositiveOrZero(message = "must be a whole number, 0 or more") Integer stock,
        Map<String, @NotNull @PositiveOrZero(message = "must be a whole number, 0 or more") Integer> stockByRegion,
        Boolean constrained,
        @NotNull Instant occurredAt) {

    @AssertTrue(message = "names nothing to change: give price, unitCost, stock, stockByRegion or constrained")
    boolean isChange() {
        return price != null || unitCost != null || stock != null || (stockByRegion != null && !stockByRegion.isEmpty())
                || constrained != null;
    }
}
