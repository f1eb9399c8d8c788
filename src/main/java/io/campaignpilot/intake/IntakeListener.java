package io.campaignpilot.intake;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Takes a message off an intake queue: checks it, keeps it in the inbox once by its message id, and only then lets the
 * broker have the acknowledgement (the container acknowledges when this returns). A crash before that means a
 * redelivery, which the inbox recognises; a message that can never be applied is thrown out to the dead-letter queue.
 */
class IntakeListener implements MessageListener {
    static final int MAX_BODY_CHARS = 1_000_000;

    private final IntakeProperties settings;
    private final Map<String, IntakeHandler> handlers;
    private final Inbox inbox;
    private final InboxWorker worker;
    private final MeterRegistry meters;

    IntakeListener(IntakeProperties settings, List<IntakeHandler> handlers, Inbox inbox, InboxWorker worker,
                   MeterRegistry meters) {
        this.settings = settings;
        this.handlers = handlers.stream().collect(Collectors.toMap(IntakeHandler::queue, Function.identity()));
        this.inbox = inbox;
        this.worker = worker;
        this.meters = meters;
    }

    @Override
    public void onMessage(Message message) {
        String queue = shortName(message.getMessageProperties().getConsumerQueue());
        IntakeHandler handler = handlers.get(queue);
        if (handler == null) {
            throw new InvalidMessageException("queue: no capability reads " + queue);
        }
        String messageId = message.getMessageProperties().getMessageId();
        if (messageId == null || messageId.isBlank() || messageId.length() > 200) {
            throw new InvalidMessageException("messageId: is required, at most 200 characters (the inbox keeps each message once by it)");
        }
        String body = new String(message.getBody(), StandardCharsets.UTF_8);
        if (body.length() > MAX_BODY_CHARS) {
            throw new InvalidMessageException("body: is longer than " + MAX_BODY_CHARS + " characters");
        }
        handler.check(body);
        boolean kept = inbox.keep(messageId, queue, body);
        meters.counter("campaignpilot.intake.messages", "queue", queue, "outcome", kept ? "kept" : "duplicate").increment();
        if (kept) {
            worker.wake();
        }
    }

    private String shortName(String consumerQueue) {
        return consumerQueue != null && consumerQueue.startsWith(settings.queuePrefix())
                ? consumerQueue.substring(settings.queuePrefix().length()) : String.valueOf(consumerQueue);
    }
}
