package io.campaignpilot.demo;

import io.campaignpilot.audience.Audiences;
import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.catalog.Catalog;
import io.campaignpilot.catalog.Product;
import io.campaignpilot.measurement.Measurement;
import io.campaignpilot.measurement.MeasurementService;
import io.campaignpilot.measurement.OrderOutcome;
import io.campaignpilot.measurement.Orders;
import io.campaignpilot.platform.Draws;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The demo's customers shop: for every campaign waiting to be measured, 8 % of its holdout and 12 % of its treatment
 * buy one of the promoted products at some moment of the window (the treatment at the campaign's discount). The true
 * lift is +50 %, so the first measurement shows what the statistics make of a known effect. Order ids are fixed per
 * campaign and customer, so a restart never buys twice.
 */
@Component
class DemoShoppers {
    static final double HOLDOUT_RATE = 0.08;
    static final double TREATMENT_RATE = 0.12;

    private final MeasurementService measurement;
    private final CampaignRepository campaigns;
    private final Audiences audiences;
    private final Catalog catalog;
    private final Orders orders;
    private final boolean enabled;
    private final Set<String> shopped = new HashSet<>();

    DemoShoppers(MeasurementService measurement, CampaignRepository campaigns, Audiences audiences, Catalog catalog,
                 Orders orders, DemoProperties properties) {
        this.measurement = measurement;
        this.campaigns = campaigns;
        this.audiences = audiences;
        this.catalog = catalog;
        this.orders = orders;
        this.enabled = properties.shoppers();
    }

    @Scheduled(initialDelayString = "PT30S", fixedDelayString = "PT30S")
    void shopWhenEnabled() {
        if (enabled) {
            shop();
        }
    }

    /** Places the orders of every open measurement not shopped for yet; returns how many were placed. */
    synchronized int shop() {
        int placed = 0;
        for (Measurement open : measurement.open()) {
            if (shopped.add(open.campaignId())) {
                placed += shopFor(open);
            }
        }
        return placed;
    }

    private int shopFor(Measurement open) {
        Campaign c = campaigns.find(open.campaignId()).orElse(null);
        List<Product> products = c == null ? List.of() : catalog.findAll(c.skus());
        if (products.isEmpty()) {
            return 0;
        }
        Duration window = Duration.between(open.scheduledAt(), open.windowEndsAt());
        int placed = 0;
        for (boolean holdout : new boolean[]{false, true}) {
            for (long customer : audiences.members(c.id(), holdout)) {
                String id = c.id() + ":" + customer;
                if (Draws.unit(id + ":buys") >= (holdout ? HOLDOUT_RATE : TREATMENT_RATE)) {
                    continue;
                }
                Product product = products.get((int) (Draws.unit(id + ":what") * products.size()));
                BigDecimal paid = holdout ? product.price()
                        : product.price().multiply(BigDecimal.valueOf(100 - c.discountPercent()))
                        .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
                placed += orders.record(new OrderOutcome("demo-" + id, OrderOutcome.Kind.ORDER, customer, product.sku(), 1,
                        paid, open.scheduledAt().plus(Duration.ofMillis((long) (Draws.unit(id + ":when") * window.toMillis()))),
                        null)) ? 1 : 0;
            }
        }
        return placed;
    }

}
