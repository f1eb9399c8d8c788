package io.campaignpilot.process;

import io.campaignpilot.campaign.Channel;
import io.campaignpilot.publishing.Publishing;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@Component("publishToChannel")
public class PublishToChannel implements JavaDelegate {
    private final Publishing publishing;

    public PublishToChannel(Publishing publishing) {
        this.publishing = publishing;
    }

    @Override
    public void execute(DelegateExecution execution) {
        publishing.publish(Vars.campaignId(execution), Channel.of(Vars.string(execution, "channel")));
    }
}
