package io.campaignpilot.process;

import io.campaignpilot.engine.ProcessNames;
import io.campaignpilot.review.ReviewCompletion.Review;
import io.campaignpilot.review.ReviewDecisions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On completing a review task (already judged by {@link GovernedEngineCommands}, which also applied an accepted copy
 * edit): records the decision under the authenticated user who made it, never under a settable assignee, and hands
 * the comment to the lifecycle.
 */
@Component("reviewDecisionRecorder")
public class ReviewDecisionRecorder implements TaskListener {
    private final ReviewDecisions decisions;
    private final IdentityService identity;

    public ReviewDecisionRecorder(ReviewDecisions decisions, IdentityService identity) {
        this.decisions = decisions;
        this.identity = identity;
    }

    @Override
    public void notify(DelegateTask task) {
        Review review = Review.ofTask(task.getTaskDefinitionKey())
                .orElseThrow(() -> new IllegalStateException(task.getTaskDefinitionKey() + " is not a review"));
        String decision = Vars.string(task, review.decisionField());
        String comment = review.comment(task.getVariables());
        String reviewer = identity.getCurrentAuthentication() != null ? identity.getCurrentAuthentication().getUserId()
                : "system";
        decisions.record(Vars.campaignId(task), Vars.integer(task, ProcessNames.GENERATION_ROUND, 1), review.label(),
                reviewer, decision, comment);
        task.getExecution().setVariable(ProcessNames.REVIEW_COMMENT, comment == null ? "" : comment);
    }
}
