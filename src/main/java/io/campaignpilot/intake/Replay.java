package io.campaignpilot.intake;

import io.campaignpilot.web.ConflictException;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;

/**
 * What an operator does once the cause is fixed (the product imported, the sender's bug mended): a dead letter goes back
 * to its queue with its message id and body as they were, once, and is checked again as it arrives.
 */
@Component
class Replay {
    private final DeadLetters deadLetters;
    private final IntakeProperties settings;
    private final ObjectProvider<RabbitTemplate> broker;

    Replay(DeadLetters deadLetters, IntakeProperties settings, ObjectProvider<RabbitTemplate> broker) {
        this.deadLetters = deadLetters;
        this.settings = settings;
        this.broker = broker;
    }

    /** Sends the dead letter back to its queue; empty when there is no such dead letter. */
    java.util.Optional<DeadLetters.DeadLetter> replay(long id, String by) {
        var letter = deadLetters.find(id);
        if (letter.isEmpty()) {
            return letter;
        }
        if (!settings.enabled()) {
            throw new ConflictException("broker intake is off (campaignpilot.intake.enabled): nothing can be replayed", null);
        }
        DeadLetters.DeadLetter dead = letter.get();
        if (!IntakeConfiguration.QUEUES.contains(dead.queue())) {
            throw new ConflictException("dead letter " + id + " came from " + dead.queue() + ", which no capability reads", null);
        }
        if (!deadLetters.markReplayed(id, by)) {
            throw new ConflictException("dead letter " + id + " was replayed already, by " + dead.replayedBy(), null);
        }
        // a message that lacked its id goes back without one, and is set aside again for that
        broker.getObject().send(settings.exchange(), dead.queue(), MessageBuilder
                .withBody(dead.body().getBytes(StandardCharsets.UTF_8)).setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setMessageId(dead.messageId()).build());
        return deadLetters.find(id);
    }
}
