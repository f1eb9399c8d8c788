package io.campaignpilot.measurement;

import io.campaignpilot.intake.IntakeMessages;
import io.campaignpilot.intake.JsonIntake;
import org.springframework.stereotype.Component;

/** Orders and returns from the broker's {@code orders} queue, recorded once by event id as {@code POST /api/outcomes}. */
@Component
class OrderIntake extends JsonIntake<OrderOutcome> {
    private final Orders orders;

    OrderIntake(IntakeMessages messages, Orders orders) {
        super("orders", OrderOutcome.class, messages);
        this.orders = orders;
    }

    @Override
    protected void apply(OrderOutcome order) {
        orders.record(order);
    }
}
