package io.campaignpilot.detection;

import io.campaignpilot.catalog.Regions;
import io.campaignpilot.trigger.Brief;
import io.campaignpilot.trigger.TriggerService;
import io.campaignpilot.trigger.TriggerType;
import io.campaignpilot.web.InvalidInputException;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds business events in the retailer's data and starts their campaigns through the trigger path, once per event id:
 * overstock (weeks of cover above the category's threshold), back in stock (stock back above zero where customers were
 * buying it), a category's conversion dropping against its trailing weeks, customers crossing a loyalty milestone, and
 * the seasonal calendar. A pass runs once per cluster on a schedule, or on request.
 */
@Component
public class EventDetection {
    /** What became of one finding in a pass. */
    public enum Outcome { STARTED, ALREADY_STARTED, DEFERRED, REFUSED }

    public record Finding(String eventId, TriggerType type, String region, List<String> skus, String reason,
                          double strength, Outcome outcome, String campaignId, String refusal) {
    }

    /** A pass: what it found and did, and what it could not read in the calendar. */
    public record Pass(Instant at, List<Finding> findings, List<String> calendarProblems) {
    }

    static final String CREATED_BY = "detection";
    private static final Logger log = LoggerFactory.getLogger(EventDetection.class);
    private static final double NO_SALES = 999;

    private final DetectionProperties settings;
    private final RetailSignals signals;
    private final StockObservations observations;
    private final LoyaltyMilestones loyalty;
    private final Regions regions;
    private final TriggerService triggers;
    private final ResourceLoader resources;

    public EventDetection(DetectionProperties settings, RetailSignals signals, StockObservations observations,
                          LoyaltyMilestones loyalty, Regions regions, TriggerService triggers, ResourceLoader resources) {
        this.settings = settings;
        this.loyalty = loyalty;
        this.signals = signals;
        this.observations = observations;
        this.regions = regions;
        this.triggers = triggers;
        this.resources = resources;
    }

    @Scheduled(initialDelayString = "${campaignpilot.detection.interval:PT1H}",
            fixedDelayString = "${campaignpilot.detection.interval:PT1H}")
    @SchedulerLock(name = "event-detection")
    void scheduledPass() {
        if (settings.enabled()) {
            Pass pass = run(Instant.now(), null);
            long started = pass.findings().stream().filter(f -> f.outcome() == Outcome.STARTED).count();
            log.info("event detection: {} found, {} campaigns started", pass.findings().size(), started);
            pass.calendarProblems().forEach(p -> log.warn("seasonal calendar: {}", p));
        }
    }

    /**
     * A pass over every category, or one; the strongest findings start campaigns, up to the pass's limit (loyalty
     * milestones up to theirs).
     */
    public Pass run(Instant now, String category) {
        List<Detection> found = new ArrayList<>();
        for (String region : regions.sorted()) {
            found.addAll(overstock(region, category, now));
            found.addAll(backInStock(region, category, now));
            found.addAll(conversionDrop(region, category, now));
            found.addAll(loyalty.find(region, category, now));
        }
        SeasonalCalendar calendar = calendar();
        found.addAll(seasons(calendar, category, now));
        found.sort(Comparator.comparingDouble(Detection::strength).reversed().thenComparing(Detection::eventId));

        // loyalty milestones are small, per-customer messages: their own limit, so promotions never crowd them out
        List<Finding> findings = new ArrayList<>();
        start(found.stream().filter(d -> d.type() != TriggerType.LOYALTY_MILESTONE).toList(), settings.maxCampaignsPerRun(),
                findings);
        start(found.stream().filter(d -> d.type() == TriggerType.LOYALTY_MILESTONE).toList(),
                settings.loyalty().maxCampaignsPerRun(), findings);
        return new Pass(now, findings, calendar.problems());
    }

    /** Starts campaigns for the findings, strongest first, up to the limit; the rest are deferred to the next pass. */
    private void start(List<Detection> found, int limit, List<Finding> findings) {
        int started = 0;
        for (Detection d : found) {
            if (started >= limit) {
                findings.add(finding(d, Outcome.DEFERRED, null, "over the pass's limit of " + limit
                        + (d.type() == TriggerType.LOYALTY_MILESTONE ? " loyalty" : "") + " campaigns; found again in the next pass"));
                continue;
            }
            try {
                TriggerService.Accepted accepted = triggers.accept(d.eventId(), d.type(), d.brief(), CREATED_BY);
                if (accepted.started()) {
                    started++;
                }
                findings.add(finding(d, accepted.started() ? Outcome.STARTED : Outcome.ALREADY_STARTED,
                        accepted.campaign().id(), null));
            } catch (InvalidInputException e) {
                findings.add(finding(d, Outcome.REFUSED, null, e.getMessage()));
            }
        }
    }

    /** Weeks of cover = the region's units ÷ units sold there per week; no sales at all counts as endless cover. */
    List<Detection> overstock(String region, String category, Instant now) {
        DetectionProperties.Overstock rule = settings.overstock();
        double weeks = settings.salesWindow().toDays() / 7.0;
        Map<String, Long> sold = signals.unitsSold(region, now.minus(settings.salesWindow()), now);
        List<Detection> found = new ArrayList<>();
        for (RetailSignals.RegionalProduct p : signals.products(region, category)) {
            if (p.constrained() || p.units() < rule.minUnits()
                    || signals.campaignRunning(TriggerType.OVERSTOCK.name(), p.sku(), region)) {
                continue;
            }
            long units = Math.max(0, sold.getOrDefault(p.sku(), 0L));
            double cover = units == 0 ? NO_SALES : p.units() / (units / weeks);
            double threshold = rule.threshold(p.category());
            if (cover > threshold) {
                String why = String.format(Locale.ROOT, "%s weeks of cover in the %s (%d units; %d sold in %d days), "
                                + "above the %s threshold of %.0f weeks", cover >= NO_SALES ? "endless" : String.format(Locale.ROOT, "%.1f", cover),
                        region, p.units(), units, settings.salesWindow().toDays(), p.category(), threshold);
                found.add(new Detection("overstock:" + p.sku() + ":" + region + ":" + isoWeek(now), TriggerType.OVERSTOCK,
                        new Brief("Overstock: " + p.name() + " (" + region + ")", region, p.category(), List.of(p.sku()),
                                rule.discountPercent(), settings.channels(), null, "Clear overstock: " + why),
                        why, Math.min(cover, NO_SALES) / threshold));
            }
        }
        return found;
    }

    /** Stock back above zero in the past week, where enough of the region's customers had been buying it. */
    List<Detection> backInStock(String region, String category, Instant now) {
        DetectionProperties.BackInStock rule = settings.backInStock();
        Map<String, Long> buyers = signals.buyers(region, now.minus(rule.demandWindow()), now);
        List<Detection> found = new ArrayList<>();
        for (RetailSignals.RegionalProduct p : signals.products(region, category)) {
            var restocked = observations.observe(p.sku(), region, p.units(), now);
            long waiting = buyers.getOrDefault(p.sku(), 0L);
            if (restocked.isEmpty() || restocked.get().isBefore(now.minus(java.time.Duration.ofDays(7))) || p.units() == 0
                    || p.constrained() || waiting < rule.threshold(p.category())) {
                continue;
            }
            LocalDate day = LocalDate.ofInstant(restocked.get(), ZoneOffset.UTC);
            String why = String.format(Locale.ROOT, "back in stock in the %s since %s (%d units); %d customers there bought it "
                    + "in the last %d days", region, day, p.units(), waiting, rule.demandWindow().toDays());
            found.add(new Detection("back-in-stock:" + p.sku() + ":" + region + ":" + day, TriggerType.BACK_IN_STOCK,
                    new Brief("Back in stock: " + p.name() + " (" + region + ")", region, p.category(), List.of(p.sku()), 0,
                            settings.channels(), null, "Tell waiting customers: " + why),
                    why, 1.0 + waiting / (double) rule.threshold(p.category())));
        }
        return found;
    }

    /** This week's orders per session in a category against its trailing weeks', per region. */
    List<Detection> conversionDrop(String region, String category, Instant now) {
        DetectionProperties.ConversionDrop rule = settings.conversionDrop();
        Instant weekAgo = now.minus(java.time.Duration.ofDays(7));
        Instant baselineFrom = weekAgo.minus(java.time.Duration.ofDays(7L * rule.baselineWeeks()));
        Map<String, Long> sessions = signals.sessionsByCategory(region, weekAgo, now);
        Map<String, Long> orders = signals.ordersByCategory(region, weekAgo, now);
        Map<String, Long> baselineSessions = signals.sessionsByCategory(region, baselineFrom, weekAgo);
        Map<String, Long> baselineOrders = signals.ordersByCategory(region, baselineFrom, weekAgo);
        List<Detection> found = new ArrayList<>();
        for (Map.Entry<String, Long> week : sessions.entrySet()) {
            String c = week.getKey();
            long before = baselineSessions.getOrDefault(c, 0L);
            if ((category != null && !category.equals(c)) || week.getValue() < rule.minSessions()
                    || before < (long) rule.minSessions() * rule.baselineWeeks()
                    || signals.categoryCampaignRunning(TriggerType.CONVERSION_DROP.name(), c, region)) {
                continue;
            }
            double rate = orders.getOrDefault(c, 0L) / (double) week.getValue();
            double baseline = baselineOrders.getOrDefault(c, 0L) / (double) before;
            double threshold = rule.threshold(c);
            if (baseline <= 0 || rate >= baseline * (1 - threshold)) {
                continue;
            }
            double drop = 1 - rate / baseline;
            String why = String.format(Locale.ROOT, "%s converted %.1f %% of %d sessions in the %s this week, against %.1f %% "
                            + "over the %d weeks before: %.0f %% lower", c, 100 * rate, week.getValue(), region, 100 * baseline,
                    rule.baselineWeeks(), 100 * drop);
            found.add(new Detection("conversion-drop:" + c + ":" + region + ":" + isoWeek(now), TriggerType.CONVERSION_DROP,
                    new Brief("Win back " + c + " shoppers (" + region + ")", region, c, null, rule.discountPercent(),
                            settings.channels(), null, "Recover conversion: " + why),
                    why, drop / threshold));
        }
        return found;
    }

    /** Seasons whose start is within the lead time from now (and not past), one finding per region. */
    List<Detection> seasons(SeasonalCalendar calendar, String category, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<Detection> found = new ArrayList<>();
        for (SeasonalCalendar.Season s : calendar.seasons()) {
            if (today.isAfter(s.date()) || today.isBefore(s.date().minusDays(settings.calendarLeadDays()))
                    || (category != null && !category.equals(s.category()))) {
                continue;
            }
            for (String region : s.everyRegion() ? regions.sorted() : List.of(s.region())) {
                String why = "the seasonal calendar's \"" + s.title() + "\" starts on " + s.date();
                found.add(new Detection("seasonal:" + s.date() + ":" + s.slug() + ":" + region, TriggerType.SEASONAL_LAUNCH,
                        s.brief(region, settings.channels()), why, 1.0 + settings.calendarLeadDays()));
            }
        }
        return found;
    }

    /** The calendar as its file says now (process owners may have edited it); problems name the file and line. */
    SeasonalCalendar calendar() {
        Resource file = resources.getResource(settings.calendar());
        if (!file.exists()) {
            return new SeasonalCalendar(List.of(), List.of(settings.calendar() + ": not found"));
        }
        try (var reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
            return SeasonalCalendar.read(file.getFilename() == null ? settings.calendar() : file.getFilename(), reader);
        } catch (IOException e) {
            return new SeasonalCalendar(List.of(), List.of(settings.calendar() + ": " + e.getMessage()));
        }
    }

    private static String isoWeek(Instant now) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return day.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format(Locale.ROOT, "%02d", day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private static Finding finding(Detection d, Outcome outcome, String campaignId, String refusal) {
        return new Finding(d.eventId(), d.type(), d.brief().region(), d.brief().skus(), d.reason(), d.strength(), outcome,
                campaignId, refusal);
    }
}
