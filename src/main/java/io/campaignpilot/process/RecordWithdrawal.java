package io.campaignpilot.process;

import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.engine.ProcessNames;
import io.campaignpilot.publishing.Publishing;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.Map;

@Component("recordWithdrawal")
public class RecordWithdrawal implements JavaDelegate {
    private final AuditLog audit;
    private final Publishing publishing;

    public RecordWithdrawal(AuditLog audit, Publishing publishing) {
        this.audit = audit;
        this.publishing = publishing;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String id = Vars.campaignId(execution);
        // in the same transaction that cancels the dispatch: nothing still waiting goes out afterwards
        int stopped = publishing.withdraw(id);
        audit.record(id, Vars.string(execution, ProcessNames.WITHDRAWN_BY), "WITHDRAWAL_REQUESTED",
                Map.of("reason", String.valueOf(execution.getVariable(ProcessNames.WITHDRAW_REASON)),
                        "deliveriesStopped", stopped));
    }
}
