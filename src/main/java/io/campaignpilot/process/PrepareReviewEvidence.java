package io.campaignpilot.process;

import io.campaignpilot.engine.ProcessNames;
import io.campaignpilot.review.ReviewEvidence;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/** Puts the evidence the review forms show into the review's variables, and the review's due date. */
@Component("prepareReviewEvidence")
public class PrepareReviewEvidence implements JavaDelegate {
    private final ReviewEvidence evidence;
    private final Duration sla;

    public PrepareReviewEvidence(ReviewEvidence evidence, @Value("${campaignpilot.review.sla:PT24H}") Duration sla) {
        this.evidence = evidence;
        this.sla = sla;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariables(evidence.asVariables(Vars.campaignId(execution)));
        execution.setVariable(ProcessNames.REVIEW_SLA, sla.toString());
        execution.setVariable(ProcessNames.REVIEW_DUE_AT, Instant.now().plus(sla).toString());
    }
}
