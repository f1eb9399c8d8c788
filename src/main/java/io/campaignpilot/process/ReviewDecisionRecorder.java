package io.campaignpilot.process;

import io.campaignpilot.review.ReviewDecisions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** On completing a review task: validates and records the decision, and hands the comment to the lifecycle. */
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
        boolean legal = "LegalReview".equals(task.getTaskDefinitionKey());
        String prefix = legal ? "legal" : "marketing";
        String decision = Vars.string(task, prefix + "Decision");
        String comment = Vars.string(task, prefix + "Comment");
        String reviewer = task.getAssignee() != null ? task.getAssignee()
                : identity.getCurrentAuthentication() != null ? identity.getCurrentAuthentication().getUserId() : "unknown";
        decisions.record(Vars.campaignId(task), Vars.integer(task, "generationRound", 1),
                legal ? "Legal review" : "Marketing review", reviewer,
                decision, comment);
        task.getExecution().setVariable("reviewComment", comment == null ? "" : comment);
    }
}
