package io.campaignpilot.catalog;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * One product's facts from the ERP or PIM: a new product (with its name, brand, category, price, unit cost and
 * description) or a change to any of a known product's facts. What is absent stays as it is. The pre-publish check and
 * the rules read these facts; product facts in search follow them.
 */
public record CatalogChange(
        @NotBlank @Size(max = 32, message = "is at most 32 characters") String sku,
        @Size(max = 200, message = "is at most 200 characters") String name,
        @Size(max = 100, message = "is at most 100 characters") String brand,
        @Pattern(regexp = "[a-z0-9-]{1,64}", message = "must be 1-64 lower-case letters, digits or '-'") String category,
        @Size(max = 2000, message = "is at most 2000 characters") String description,
        @PositiveOrZero(message = "must be a non-negative amount") BigDecimal price,
        @PositiveOrZero(message = "must be a non-negative amount") BigDecimal unitCost,
        @PositiveOrZero(message = "must be a whole number, 0 or more") Integer stock,
        Map<String, @NotNull @PositiveOrZero(message = "must be a whole number, 0 or more") Integer> stockByRegion,
        Boolean regulated,
        Boolean constrained,
        @NotNull Instant occurredAt) {

    @AssertTrue(message = "names nothing to change: give price, unitCost, stock, stockByRegion, constrained or a product's details")
    boolean isChange() {
        return price != null || unitCost != null || stock != null || (stockByRegion != null && !stockByRegion.isEmpty())
                || constrained != null || regulated != null || name != null || brand != null || category != null
                || description != null;
    }

    /** Whether it says enough to create the product when the catalog does not have it yet. */
    boolean describesAProduct() {
        return notBlank(name) && notBlank(brand) && notBlank(category) && notBlank(description) && price != null
                && unitCost != null;
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }
}
