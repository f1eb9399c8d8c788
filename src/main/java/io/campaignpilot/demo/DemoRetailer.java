package io.campaignpilot.demo;

import io.campaignpilot.trigger.Brief;
import io.campaignpilot.trigger.TriggerService;
import io.campaignpilot.trigger.TriggerType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

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

    DemoRetailer(DemoCustomers customers, TriggerService triggers, DemoProperties properties) {
        this.customers = customers;
        this.triggers = triggers;
        this.loadCustomers = properties.customers();
        this.fireTriggers = properties.fireTriggers();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (loadCustomers) {
            customers.load();
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

    private void fire(String eventId, TriggerType type, Brief brief) {
        try {
            triggers.accept(eventId, type, brief, "integration");
        } catch (RuntimeException e) {
            log.warn("demo trigger {} not accepted: {}", eventId, e.getMessage());
        }
    }
}
