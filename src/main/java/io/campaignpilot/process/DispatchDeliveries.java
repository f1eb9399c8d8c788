package io.campaignpilot.process;

import io.campaignpilot.engine.ProcessNames;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.personaldata.Addresses;
import io.campaignpilot.publishing.ChannelDispatcher;
import io.campaignpilot.publishing.ChannelUnavailableException;
import io.campaignpilot.publishing.PublishingProperties;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * "Dispatch deliveries" (topic {@code channel-dispatch}): one channel of one campaign at a time, {@link ChannelDispatcher}
 * sends its recorded deliveries for a turn, and the task completes when nothing is left on its way. A relay that is
 * down is a failure named in the incident; any other failure is reported with addresses masked.
 */
@Component
class DispatchDeliveries implements TopicWork {
    private final ChannelDispatcher dispatcher;
    private final PublishingProperties properties;

    DispatchDeliveries(ChannelDispatcher dispatcher, PublishingProperties properties) {
        this.dispatcher = dispatcher;
        this.properties = properties;
    }

    @Override
    public String topic() {
        return ProcessNames.CHANNEL_DISPATCH_TOPIC;
    }

    @Override
    public List<String> variables() {
        return List.of(ProcessNames.CAMPAIGN_ID, ProcessNames.CHANNEL);
    }

    @Override
    public WorkerSettings settings() {
        return new WorkerSettings(properties.dispatchThreads(), properties.lockDuration(), properties.pollInterval(),
                properties.retries(), properties.retryBackoff());
    }

    @Override
    public Outcome work(Task task, Lease lease) {
        ChannelDispatcher.Turn turn = dispatcher.dispatch(task.campaignId(), channel(task), task.workerId(), lease::renew);
        return turn.done() ? Outcome.done() : Outcome.later(turn.comeBackIn());
    }

    @Override
    public Failure failure(Task task, RuntimeException e) {
        if (e instanceof ChannelUnavailableException) {
            return new Failure(e.getMessage(), InAppWorker.stackTrace(e));
        }
        // a stack trace could carry an address: the masked message only
        String message = channel(task).key() + " dispatch failed: " + e.getClass().getSimpleName() + ": "
                + Addresses.maskAll(String.valueOf(e.getMessage()));
        return new Failure(message, message);
    }

    private static Channel channel(Task task) {
        return Channel.of(task.string(ProcessNames.CHANNEL));
    }
}
