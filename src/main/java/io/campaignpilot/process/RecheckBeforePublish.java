package io.campaignpilot.process;

import io.campaignpilot.campaign.Channel;
import io.campaignpilot.publishing.PrePublishCheck;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;


@Component("recheckBeforePublish")
public class RecheckBeforePublish implements JavaDelegate {
    private final PrePublishCheck check;

    public RecheckBeforePublish(PrePublishCheck check) {
        this.check = check;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String id = Vars.campaignId(execution);
        PrePublishCheck.Result result = check.check(id, Vars.integer(execution, "generationRound", 1),
                Channel.parseList(Vars.string(execution, "approvedChannels")));
        execution.setVariable("prePublishValid", result.valid());
        if (result.valid()) {
            execution.setVariable("approvedChannels", Channel.toCsv(result.channels()));
        }
        execution.setVariable("prePublishReason", String.join("; ", result.reasons()));
    }
}
