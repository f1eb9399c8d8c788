package io.campaignpilot.process;

import io.campaignpilot.campaign.Channel;
import io.campaignpilot.engine.ProcessNames;
import io.campaignpilot.publishing.PrePublishCheck;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Just before publishing: today's price, stock and consent must still allow what was approved. */
@Component("recheckBeforePublish")
public class RecheckBeforePublish implements JavaDelegate {
    private final PrePublishCheck check;

    public RecheckBeforePublish(PrePublishCheck check) {
        this.check = check;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String id = Vars.campaignId(execution);
        PrePublishCheck.Result result = check.check(id, Vars.integer(execution, ProcessNames.GENERATION_ROUND, 1),
                Channel.parseList(Vars.string(execution, ProcessNames.APPROVED_CHANNELS)));
        execution.setVariable(ProcessNames.PRE_PUBLISH_VALID, result.valid());
        if (result.valid()) {
            execution.setVariable(ProcessNames.APPROVED_CHANNELS, Channel.toCsv(result.channels()));
        }
        execution.setVariable(ProcessNames.PRE_PUBLISH_REASON, String.join("; ", result.reasons()));
    }
}
