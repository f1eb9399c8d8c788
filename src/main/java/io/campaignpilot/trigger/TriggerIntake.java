package io.campaignpilot.trigger;

import io.campaignpilot.intake.IntakeMessages;
import io.campaignpilot.intake.JsonIntake;
import org.springframework.stereotype.Component;

/**
 * Trigger events from the broker's {@code triggers} queue: the same event, checks and exactly-once start by event id as
 * {@code POST /api/triggers}. The campaign is recorded as created by the broker.
 */
@Component
class TriggerIntake extends JsonIntake<TriggerEvent> {
    static final String CREATED_BY = "broker";

    private final TriggerService triggers;

    TriggerIntake(IntakeMessages messages, TriggerService triggers) {
        super("triggers", TriggerEvent.class, messages);
        this.triggers = triggers;
    }

    @Override
    protected void apply(TriggerEvent event) {
        triggers.accept(event.eventId(), event.triggerType(), event.brief(), CREATED_BY);
    }
}
