package io.campaignpilot.process;

import io.campaignpilot.engine.ProcessNames;
import io.campaignpilot.review.ReviewDecisions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** LOW tier: approved without a reviewer; a sampled share is flagged for after-the-fact review. */
@Component("autoApprove")
public class AutoApprove implements JavaDelegate {
    private final ReviewDecisions decisions;
    private final int samplePercent;

    public AutoApprove(ReviewDecisions decisions, @Value("${campaignpilot.review.low-tier-sample-percent:10}") int samplePercent) {
        this.decisions = decisions;
        this.samplePercent = samplePercent;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String id = Vars.campaignId(execution);
        boolean sampled = Math.floorMod(id.hashCode(), 100) < samplePercent;
        execution.setVariable(ProcessNames.SAMPLED_FOR_AFTER_REVIEW, sampled);
        decisions.record(id, Vars.integer(execution, ProcessNames.GENERATION_ROUND, 1), "auto-approval", "system",
                "approve", sampled ? "LOW tier, auto-approved; sampled for after-the-fact review" : "LOW tier, auto-approved");
    }
}
