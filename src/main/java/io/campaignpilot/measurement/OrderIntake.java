package io.campaignpilot.measurement;

import io.campaignpilot.intake.IntakeHandler;
import io.campaignpilot.intake.IntakeMessages;
import org.springframework.stereotype.Component;

/** Orders and returns from the broker's {@code orders} queue, recorded once by event id as {@code POST /api/outcomes}. */
@Component
class OrderIntake implements IntakeHandler {
    private final IntakeMessages messages;
    private final Orders orders;

    OrderIntake(IntakeMessages messages, Orders orders) {
        this.messages = messages;
        this.orders = orders;
    }

    @Override
    public String queue() {
        return "orders";
    }

    @Override
    public void check(String body) {
        messages.read(body, OrderOutcome.class);
    }

    @Override
    public void apply(String body) {
        orders.record(messages.read(body, OrderOutcome.class));
    }
}
