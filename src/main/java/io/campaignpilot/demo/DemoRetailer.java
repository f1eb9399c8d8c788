package io.campaignpilot.demo;

import io.campaignpilot.retailer.RetailerLoader;
import io.campaignpilot.targeting.PropensityTraining;
import io.campaignpilot.trigger.Brief;
import io.campaignpilot.trigger.TriggerService;
import io.campaignpilot.trigger.TriggerType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Demo set-up after start: customers, then (when enabled) a handful of trigger events so reviewers find
 * campaigns waiting in their queues. Event ids are fixed, so restarts never duplicate them.
 */
@Component
@Order(20)
public class DemoRetailer implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoRetailer.class);

    private final DemoCustomers customers;
    private final TriggerService triggers;
    private final boolean loadCustomers;
    private final boolean fireTriggers;
    private final boolean orderHistory;
    private final JdbcTemplate jdbc;
    private final PropensityTraining training;

    DemoRetailer(DemoCustomers customers, TriggerService triggers, DemoProperties properties, JdbcTemplate jdbc,
                 PropensityTraining training) {
        this.customers = customers;
        this.triggers = triggers;
        this.loadCustomers = properties.customers();
        this.fireTriggers = properties.fireTriggers();
        this.orderHistory = properties.orderHistory();
        this.jdbc = jdbc;
        this.training = training;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (loadCustomers) {
            customers.load();
        }
        if (orderHistory) {
            history();
        }
        if (!fireTriggers) {
            return;
        }
        fire("demo-overstock-bottles", TriggerType.OVERSTOCK, new Brief(null, "north", null, List.of("HP-OUT-002"), 20,
                List.of("email", "sms"), "all", "Clear surplus insulated bottles before winter"));
        fire("demo-seasonal-throws", TriggerType.SEASONAL_LAUNCH, new Brief("Autumn comfort: wool throws", "south", null,
                List.of("HP-HOM-001"), 10, List.of("email", "push", "web"), "all", "Launch the autumn home edit"));
        // those who camp: a back-in-stock alert to everyone in the west would promise more tents than the region holds
        fire("demo-back-in-stock-tent", TriggerType.BACK_IN_STOCK, new Brief(null, "west", null, List.of("HP-OUT-003"), 0,
                List.of("email", "social"), "outdoor-enthusiasts", "The two-person tent is back in stock"));
        fire("demo-wellness-vitamin-d", TriggerType.CONVERSION_DROP, new Brief("Winter wellness: vitamin D", "east", null,
                List.of("HP-SUP-001"), 15, List.of("email", "sms"), "wellness", "Supplement conversion fell 18% week on week"));
        // a small reach (push, one segment): the low-risk campaign the rules let through without a reviewer
        fire("demo-loyalty-coffee", TriggerType.LOYALTY_MILESTONE, new Brief("Thank you: coffee for our regulars", "west",
                null, List.of("HP-GRO-001"), 10, List.of("push"), "foodies", "Reward loyal food lovers"));
        log.info("demo triggers fired");
    }

    /**
     * Once per database: twelve months of synthetic orders and sessions for the demo's customers, then a model per
     * category, so the triggers below are targeted by expected value.
     */
    private void history() {
        Integer synthetic = jdbc.queryForObject("select count(*) from order_event where event_id like 'syn-%'", Integer.class);
        if (synthetic != null && synthetic > 0) {
            return;
        }
        List<Long> ids = jdbc.queryForList("select id from customer where erased_at is null order by id", Long.class);
        RetailerLoader.Loaded loaded = new RetailerLoader(jdbc).history(20261122L, ids, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        log.info("demo order history: {} orders and {} sessions for {} customers", loaded.orders(), loaded.sessions(), ids.size());
        training.retrainAll();
    }

    private void fire(String eventId, TriggerType type, Brief brief) {
        try {
            triggers.accept(eventId, type, brief, "integration");
        } catch (RuntimeException e) {
            log.warn("demo trigger {} not accepted: {}", eventId, e.getMessage());
        }
    }
}
