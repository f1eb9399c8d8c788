package io.campaignpilot.process;

import io.campaignpilot.campaign.Channel;
import io.campaignpilot.engine.ProcessNames;
import io.campaignpilot.publishing.Publishing;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Records the channel's deliveries in the engine step's transaction; sending is the dispatch step's work. */
@Component("recordDeliveries")
public class RecordDeliveries implements JavaDelegate {
    private final Publishing publishing;

    public RecordDeliveries(Publishing publishing) {
        this.publishing = publishing;
    }

    @Override
    public void execute(DelegateExecution execution) {
        publishing.record(Vars.campaignId(execution), Channel.of(Vars.string(execution, ProcessNames.CHANNEL)));
    }
}
