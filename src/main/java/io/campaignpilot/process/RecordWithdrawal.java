package io.campaignpilot.process;

import io.campaignpilot.engine.ProcessNames;
import io.campaignpilot.publishing.Publishing;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** A campaign withdrawn by a person: what has not gone out yet never will, and who withdrew it and why is kept. */
@Component("recordWithdrawal")
public class RecordWithdrawal implements JavaDelegate {
    private final Publishing publishing;

    public RecordWithdrawal(Publishing publishing) {
        this.publishing = publishing;
    }

    @Override
    public void execute(DelegateExecution execution) {
        // in the same transaction that cancels the dispatch: nothing still waiting goes out afterwards
        publishing.withdraw(Vars.campaignId(execution), Vars.string(execution, ProcessNames.WITHDRAWN_BY),
                Vars.string(execution, ProcessNames.WITHDRAW_REASON));
    }
}
