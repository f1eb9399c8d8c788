package io.campaignpilot.process;

import io.campaignpilot.engine.ProcessNames;
import io.campaignpilot.review.AutoApproval;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** LOW tier: approved without a reviewer; a sampled share is flagged for after-the-fact review. */
@Component("autoApprove")
public class AutoApprove implements JavaDelegate {
    private final AutoApproval approval;

    public AutoApprove(AutoApproval approval) {
        this.approval = approval;
    }

    @Override
    public void execute(DelegateExecution execution) {
        boolean sampled = approval.approve(Vars.campaignId(execution),
                Vars.integer(execution, ProcessNames.GENERATION_ROUND, 1));
        execution.setVariable(ProcessNames.SAMPLED_FOR_AFTER_REVIEW, sampled);
    }
}
