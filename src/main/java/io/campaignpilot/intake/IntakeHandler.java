package io.campaignpilot.intake;

/**
 * What a capability does with the messages of its queue. {@link #check} runs as the message arrives, so a message
 * that can never be applied goes to the dead-letter queue with its reason; {@link #apply} runs later from the inbox,
 * and again after a crash, so it must be idempotent (the capabilities' own keys, such as an event id, make it so).
 */
public interface IntakeHandler {
    /** The queue's short name: triggers, catalog or orders. */
    String queue();

    /** Throws {@link InvalidMessageException} naming the field and the reason. */
    void check(String body);

    /** Applies a checked message; throws {@link NotYetApplicableException} when it arrived before what it refers to. */
    void apply(String body);
}
