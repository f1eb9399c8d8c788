package io.campaignpilot.detection;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Event detection ({@code campaignpilot.detection.*}): which business events start campaigns on their own, and when.
 *
 * @param enabled            the scheduled pass; {@code POST /api/detection/run} works either way
 * @param interval           between two passes, once per cluster
 * @param maxCampaignsPerRun the strongest signals first: a pass never floods the review queues
 * @param salesWindow        recent sales, for the rate that weeks of cover divide by
 * @param channels           what a detected campaign asks for
 * @param calendar           the seasonal calendar process owners edit (CSV, a Spring resource location)
 * @param loyalty            customers crossing a number of orders or of points, thanked by name
 */
@ConfigurationProperties("campaignpilot.detection")
@Validated
public record DetectionProperties(
        @DefaultValue("true") boolean enabled,
        @NotNull @DefaultValue("PT1H") Duration interval,
        @Min(value = 1, message = "campaignpilot.detection.max-campaigns-per-run must be at least 1")
        @DefaultValue("10") int maxCampaignsPerRun,
        @NotNull @DefaultValue("P28D") Duration salesWindow,
        @NotNull @DefaultValue({"email"}) List<String> channels,
        @NotBlank @DefaultValue("classpath:rules/seasonal-calendar.csv") String calendar,
        @Valid @NotNull @DefaultValue Overstock overstock,
        @Valid @NotNull @DefaultValue BackInStock backInStock,
        @Valid @NotNull @DefaultValue ConversionDrop conversionDrop,
        @Valid @NotNull @DefaultValue Loyalty loyalty,
        @Min(value = 0, message = "campaignpilot.detection.calendar-lead-days must not be negative")
        @DefaultValue("14") int calendarLeadDays) {

    public DetectionProperties {
        if (interval != null && (interval.isNegative() || interval.isZero())) {
            throw new IllegalArgumentException("campaignpilot.detection.interval must be positive");
        }
        if (salesWindow != null && salesWindow.toDays() < 7) {
            throw new IllegalArgumentException("campaignpilot.detection.sales-window must be at least 7 days");
        }
    }

    /**
     * Too much stock for what sells: weeks of cover (a region's units ÷ its units sold per week) above the category's
     * threshold, with at least {@code minUnits} in stock.
     */
    public record Overstock(
            @Positive(message = "campaignpilot.detection.overstock.weeks-of-cover must be positive")
            @DefaultValue("12") double weeksOfCover,
            @NotNull @DefaultValue Map<String, Double> weeksOfCoverByCategory,
            @Min(value = 1, message = "campaignpilot.detection.overstock.min-units must be at least 1")
            @DefaultValue("50") int minUnits,
            @Min(value = 0, message = "campaignpilot.detection.overstock.discount-percent must be between 0 and 80")
            @Max(value = 80, message = "campaignpilot.detection.overstock.discount-percent must be between 0 and 80")
            @DefaultValue("15") int discountPercent) {

        double threshold(String category) {
            return weeksOfCoverByCategory.getOrDefault(category, weeksOfCover);
        }
    }

    /**
     * A category converting worse this week than it did: orders ÷ storefront sessions in the category over the last 7
     * days below the trailing {@code baselineWeeks}' rate by more than {@code relativeDrop} (or the category's own
     * {@code relativeDropByCategory}), with at least
     * {@code minSessions} sessions this week.
     */
    public record ConversionDrop(
            @Positive(message = "campaignpilot.detection.conversion-drop.relative-drop must be between 0 and 1")
            @Max(value = 1, message = "campaignpilot.detection.conversion-drop.relative-drop must be between 0 and 1")
            @DefaultValue("0.25") double relativeDrop,
            @NotNull @DefaultValue Map<String, Double> relativeDropByCategory,
            @Min(value = 1, message = "campaignpilot.detection.conversion-drop.baseline-weeks must be at least 1")
            @DefaultValue("4") int baselineWeeks,
            @Min(value = 1, message = "campaignpilot.detection.conversion-drop.min-sessions must be at least 1")
            @DefaultValue("50") int minSessions,
            @Min(value = 0, message = "campaignpilot.detection.conversion-drop.discount-percent must be between 0 and 80")
            @Max(value = 80, message = "campaignpilot.detection.conversion-drop.discount-percent must be between 0 and 80")
            @DefaultValue("10") int discountPercent) {

        public ConversionDrop {
            if (relativeDropByCategory != null) {
                relativeDropByCategory.forEach((category, drop) -> {
                    if (drop == null || drop <= 0 || drop > 1) {
                        throw new IllegalArgumentException("campaignpilot.detection.conversion-drop.relative-drop-by-category."
                                + category + " must be between 0 and 1 (is " + drop + ")");
                    }
                });
            }
        }

        double threshold(String category) {
            return relativeDropByCategory.getOrDefault(category, relativeDrop);
        }
    }

    /**
     * Stock back above zero in a region where at least {@code minWaiting} customers (or the category's own
     * {@code minWaitingByCategory}) bought it within {@code demandWindow}.
     */
    public record BackInStock(
            @NotNull @DefaultValue("P90D") Duration demandWindow,
            @Min(value = 1, message = "campaignpilot.detection.back-in-stock.min-waiting must be at least 1")
            @DefaultValue("3") int minWaiting,
            @NotNull @DefaultValue Map<String, Integer> minWaitingByCategory) {

        public BackInStock {
            if (minWaitingByCategory != null) {
                minWaitingByCategory.forEach((category, n) -> {
                    if (n == null || n < 1) {
                        throw new IllegalArgumentException("campaignpilot.detection.back-in-stock.min-waiting-by-category."
                                + category + " must be at least 1 (is " + n + ")");
                    }
                });
            }
        }

        int threshold(String category) {
            return minWaitingByCategory.getOrDefault(category, minWaiting);
        }
    }

    /**
     * Loyalty milestones: a customer whose lifetime orders (or points, {@code pointsPerPound} per pound spent, returns
     * taken off) crossed one of the thresholds within {@code window} is thanked once per milestone, by name, with
     * {@code discountPercent} off the category most of a day's group buy most. When a customer crosses several at once,
     * the highest order milestone wins, else the highest in points. A pass starts up to {@code maxCampaignsPerRun}
     * milestone campaigns besides the other events' limit (one per milestone and region: 32 with the defaults).
     */
    public record Loyalty(
            @DefaultValue("true") boolean enabled,
            @NotNull @DefaultValue({"5", "10", "25", "50"})
            List<@Positive(message = "campaignpilot.detection.loyalty.order-milestones must be positive") Integer> orderMilestones,
            @NotNull @DefaultValue({"500", "1000", "2500", "5000"})
            List<@Positive(message = "campaignpilot.detection.loyalty.points-milestones must be positive") Integer> pointsMilestones,
            @Positive(message = "campaignpilot.detection.loyalty.points-per-pound must be positive")
            @DefaultValue("1") double pointsPerPound,
            @NotNull @DefaultValue("P7D") Duration window,
            @Min(value = 0, message = "campaignpilot.detection.loyalty.discount-percent must be between 0 and 80")
            @Max(value = 80, message = "campaignpilot.detection.loyalty.discount-percent must be between 0 and 80")
            @DefaultValue("10") int discountPercent,
            @Min(value = 1, message = "campaignpilot.detection.loyalty.max-customers-per-campaign must be between 1 and 10000")
            @Max(value = 10_000, message = "campaignpilot.detection.loyalty.max-customers-per-campaign must be between 1 and 10000")
            @DefaultValue("10000") int maxCustomersPerCampaign,
            @Min(value = 1, message = "campaignpilot.detection.loyalty.max-campaigns-per-run must be at least 1")
            @DefaultValue("40") int maxCampaignsPerRun) {

        public Loyalty {
            if (window != null && (window.isNegative() || window.isZero())) {
                throw new IllegalArgumentException("campaignpilot.detection.loyalty.window must be positive");
            }
        }
    }
}
