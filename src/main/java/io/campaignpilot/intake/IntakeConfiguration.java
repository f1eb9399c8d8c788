package io.campaignpilot.intake;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.config.RetryInterceptorBuilder;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.amqp.rabbit.retry.RepublishMessageRecoverer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.retry.policy.SimpleRetryPolicy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The broker's side of intake, only when {@code campaignpilot.intake.enabled}: the queues and the dead-letter queue,
 * the listener that keeps messages in the inbox, and the worker that applies them. A message that can never be
 * applied is republished to the dead-letter queue with the reason in the {@value #REASON_HEADER} header; any other
 * failure (the database away) is retried, then the message goes back to its queue, never to the dead letters.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "campaignpilot.intake.enabled", havingValue = "true")
class IntakeConfiguration {
    static final List<String> QUEUES = List.of("triggers", "catalog", "orders");
    static final String REASON_HEADER = "x-campaignpilot-reason";
    static final String QUEUE_HEADER = "x-campaignpilot-queue";
    private static final String DEAD = "dead";

    @Bean
    Declarables intakeTopology(IntakeProperties settings) {
        List<org.springframework.amqp.core.Declarable> all = new ArrayList<>();
        DirectExchange intake = new DirectExchange(settings.exchange(), true, false);
        DirectExchange deadLetters = new DirectExchange(settings.deadLetterExchange(), true, false);
        Queue deadLetterQueue = expiring(QueueBuilder.durable(settings.deadLetterQueue()), settings).build();
        all.add(intake);
        all.add(deadLetters);
        all.add(deadLetterQueue);
        all.add(BindingBuilder.bind(deadLetterQueue).to(deadLetters).with(DEAD));
        for (String name : QUEUES) {
            // a message the broker itself rejects (expired, over length) also lands in the dead letters
            Queue queue = expiring(QueueBuilder.durable(settings.queue(name)), settings)
                    .deadLetterExchange(settings.deadLetterExchange()).deadLetterRoutingKey(DEAD).build();
            all.add(queue);
            all.add(BindingBuilder.bind(queue).to(intake).with(name));
        }
        return new Declarables(all);
    }

    private static QueueBuilder expiring(QueueBuilder queue, IntakeProperties settings) {
        return settings.queueExpiry() == null ? queue : queue.expires((int) Math.min(Integer.MAX_VALUE, settings.queueExpiry().toMillis()));
    }

    @Bean
    InboxWorker inboxWorker(Inbox inbox, List<IntakeHandler> handlers, IntakeProperties settings, MeterRegistry meters) {
        return new InboxWorker(inbox, handlers, settings, meters);
    }

    @Bean
    SimpleMessageListenerContainer intakeListenerContainer(ConnectionFactory connections, RabbitTemplate template,
                                                           IntakeProperties settings, List<IntakeHandler> handlers,
                                                           Inbox inbox, InboxWorker worker, MeterRegistry meters) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
        container.setQueueNames(QUEUES.stream().map(settings::queue).toArray(String[]::new));
        container.setConcurrentConsumers(settings.consumers());
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setPrefetchCount(50);
        container.setMessageListener(new IntakeListener(settings, handlers, inbox, worker, meters));
        SimpleRetryPolicy retry = new SimpleRetryPolicy(3, Map.of(InvalidMessageException.class, false), true, true);
        container.setAdviceChain(RetryInterceptorBuilder.stateless().retryPolicy(retry).backOffOptions(500, 2.0, 4000)
                .recoverer(new ToDeadLettersIfInvalid(template, settings, meters)).build());
        return container;
    }

    @Bean
    SimpleMessageListenerContainer deadLetterContainer(ConnectionFactory connections, IntakeProperties settings,
                                                       DeadLetters deadLetters) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
        container.setQueueNames(settings.deadLetterQueue());
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setMessageListener(message -> deadLetters.record(message.getMessageProperties().getMessageId(),
                queueOf(message), reasonOf(message), new String(message.getBody(), StandardCharsets.UTF_8)));
        return container;
    }

    private static String queueOf(Message message) {
        Object ours = message.getMessageProperties().getHeader(QUEUE_HEADER);
        if (ours != null) {
            return ours.toString();
        }
        var deaths = message.getMessageProperties().getXDeathHeader();
        return deaths == null || deaths.isEmpty() ? "unknown" : String.valueOf(deaths.getFirst().get("queue"));
    }

    private static String reasonOf(Message message) {
        Object ours = message.getMessageProperties().getHeader(REASON_HEADER);
        if (ours != null) {
            return ours.toString();
        }
        var deaths = message.getMessageProperties().getXDeathHeader();
        return deaths == null || deaths.isEmpty() ? "dead-lettered without a reason"
                : "the broker dead-lettered it: " + deaths.getFirst().get("reason");
    }

    /** Invalid: to the dead letters with the reason. Anything else: back to the queue, to be tried again. */
    private static final class ToDeadLettersIfInvalid implements MessageRecoverer {
        private final RepublishMessageRecoverer deadLetters;
        private final MeterRegistry meters;
        private final IntakeProperties settings;

        ToDeadLettersIfInvalid(RabbitTemplate template, IntakeProperties settings, MeterRegistry meters) {
            this.settings = settings;
            this.meters = meters;
            this.deadLetters = new RepublishMessageRecoverer(template, settings.deadLetterExchange(), DEAD) {
                @Override
                protected Map<? extends String, ?> additionalHeaders(Message message, Throwable cause) {
                    return Map.of(REASON_HEADER, invalid(cause).getMessage(), QUEUE_HEADER, shortName(message));
                }
            };
        }

        @Override
        public void recover(Message message, Throwable cause) {
            if (invalid(cause) == null) {
                throw new ImmediateRequeueAmqpException("not kept yet, back to the queue: " + cause.getMessage(), cause);
            }
            deadLetters.recover(message, cause);
            meters.counter("campaignpilot.intake.messages", "queue", shortName(message), "outcome", "dead-lettered")
                    .increment();
        }

        private String shortName(Message message) {
            String queue = String.valueOf(message.getMessageProperties().getConsumerQueue());
            return queue.startsWith(settings.queuePrefix()) ? queue.substring(settings.queuePrefix().length()) : queue;
        }

        private static InvalidMessageException invalid(Throwable cause) {
            for (Throwable t = cause; t != null; t = t.getCause()) {
                if (t instanceof InvalidMessageException invalid) {
                    return invalid;
                }
            }
            return null;
        }
    }

}
