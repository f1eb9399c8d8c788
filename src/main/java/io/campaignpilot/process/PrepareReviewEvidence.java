package io.campaignpilot.process;

import io.campaignpilot.review.ReviewEvidence;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** Puts the evidence the review forms show into the review's variables, and the review's due date. */
@Component("prepareReviewEvidence")
public class PrepareReviewEvidence implements JavaDelegate {
    private final ReviewEvidence evidence;

    public PrepareReviewEvidence(ReviewEvidence evidence) {
        this.evidence = evidence;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariables(evidence.forNewReview(Vars.campaignId(execution), Instant.now()));
    }
}
