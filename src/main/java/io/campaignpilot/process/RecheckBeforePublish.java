package io.campaignpilot.process;

import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.engine.ProcessNames;
import io.campaignpilot.publishing.PrePublishCheck;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.Map;

@Component("recheckBeforePublish")
public class RecheckBeforePublish implements JavaDelegate {
    private final PrePublishCheck check;
    private final AuditLog audit;

    public RecheckBeforePublish(PrePublishCheck check, AuditLog audit) {
        this.check = check;
        this.audit = audit;
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
        audit.record(id, "publishing", "PRE_PUBLISH_CHECKED", Map.of("valid", result.valid(), "reasons", result.reasons(),
                "channels", Channel.toCsv(result.channels())));
    }
}
