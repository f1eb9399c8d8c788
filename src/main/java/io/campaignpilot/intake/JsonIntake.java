package io.campaignpilot.intake;

/**
 * An {@link IntakeHandler} for a queue of JSON messages of one type: checking is reading (bound strictly and validated,
 * as the REST door reads the same body), and applying is reading again and handing the value to the capability.
 */
public abstract class JsonIntake<T> implements IntakeHandler {
    private final String queue;
    private final Class<T> type;
    private final IntakeMessages messages;

    protected JsonIntake(String queue, Class<T> type, IntakeMessages messages) {
        this.queue = queue;
        this.type = type;
        this.messages = messages;
    }

    @Override
    public final String queue() {
        return queue;
    }

    @Override
    public final void check(String body) {
        read(body);
    }

    @Override
    public final void apply(String body) {
        apply(read(body));
    }

    /** The message as the capability takes it; throws {@link InvalidMessageException} naming the field and reason. */
    protected T read(String body) {
        return messages.read(body, type);
    }

    protected abstract void apply(T message);
}
