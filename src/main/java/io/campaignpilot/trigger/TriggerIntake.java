package io.campaignpilot.trigger;

import io.campaignpilot.intake.IntakeHandler;
import io.campaignpilot.intake.IntakeMessages;
import org.springframework.stereotype.Component;

/**
 * Trigger events from the broker's {@code triggers} queue: the same event, checks and exactly-once start by event id as
 * {@code POST /api/triggers}. The campaign is recorded as created by the broker.
 */
@Component
class TriggerIntake implements IntakeHandler {
    static final String CREATED_BY = "broker";

    private final IntakeMessages messages;
    private final TriggerService triggers;

    TriggerIntake(IntakeMessages messages, TriggerService triggers) {
        this.messages = messages;
        this.triggers = triggers;
    }

    @Override
    public String queue() {
        return "triggers";
    }

    @Override
    public void check(String body) {
        messages.read(body, TriggerEvent.class);
    }

    @Override
    public void apply(String body) {
        TriggerEvent event = messages.read(body, TriggerEvent.class);
        triggers.accept(event.eventId(), event.triggerType(), event.brief(), CREATED_BY);
    }
}
