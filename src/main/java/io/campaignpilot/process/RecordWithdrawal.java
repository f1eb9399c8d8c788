package io.campaignpilot.process;

import io.campaignpilot.audit.AuditLog;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.Map;

@Component("recordWithdrawal")
public class RecordWithdrawal implements JavaDelegate {
    private final AuditLog audit;

    public RecordWithdrawal(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        audit.record(Vars.campaignId(execution), Vars.string(execution, "withdrawnBy"), "WITHDRAWAL_REQUESTED",
                Map.of("reason", String.valueOf(execution.getVariable("withdrawReason"))));
    }
}
