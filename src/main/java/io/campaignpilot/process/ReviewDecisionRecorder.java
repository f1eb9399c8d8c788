package io.campaignpilot.process;

import io.campaignpilot.review.CopyEdits;
import io.campaignpilot.review.ReviewDecisions;
import io.campaignpilot.review.ReviewEdits;
import io.campaignpilot.trigger.InvalidInputException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On completing a review task: applies the reviewer's copy edits if the rules accept them (else the task stays open
 * with the reason), records the decision, and hands the comment to the lifecycle.
 */
@Component("reviewDecisionRecorder")
public class ReviewDecisionRecorder implements TaskListener {
    private final ReviewDecisions decisions;
    private final IdentityService identity;
    private final ReviewEdits edits;
    private final PrepareReviewEvidence evidence;

    public ReviewDecisionRecorder(ReviewDecisions decisions, IdentityService identity, ReviewEdits edits,
                                  PrepareReviewEvidence evidence) {
        this.decisions = decisions;
        this.identity = identity;
        this.edits = edits;
        this.evidence = evidence;
    }

    @Override
    public void notify(DelegateTask task) {
        boolean legal = "LegalReview".equals(task.getTaskDefinitionKey());
        String prefix = legal ? "legal" : "marketing";
        String decision = Vars.string(task, prefix + "Decision");
        String comment = Vars.string(task, prefix + "Comment");
        String reviewer = task.getAssignee() != null ? task.getAssignee()
                : identity.getCurrentAuthentication() != null ? identity.getCurrentAuthentication().getUserId() : "unknown";
        String editedCopy = Vars.string(task, "editedCopy");
        if ("approve".equals(decision) && editedCopy != null && !editedCopy.isBlank()) {
            applyEdits(task, editedCopy, reviewer);
        }
        decisions.record(Vars.campaignId(task), Vars.integer(task, "generationRound", 1),
                legal ? "Legal review" : "Marketing review", reviewer,
                decision, comment);
        task.getExecution().setVariable("reviewComment", comment == null ? "" : comment);
    }

    /** The rules judge the edits before the approval counts; a refusal keeps the task open and says why. */
    private void applyEdits(DelegateTask task, String editedCopy, String reviewer) {
        ReviewEdits.Result result;
        try {
            result = edits.apply(Vars.campaignId(task), CopyEdits.parse(editedCopy), reviewer);
        } catch (InvalidInputException e) {
            throw new BadUserRequestException("Edit copy: " + e.getMessage());
        }
        if (!result.accepted()) {
            throw new BadUserRequestException("Your edit cannot be approved: " + result.reason());
        }
        task.getExecution().setVariable("editedCopy", "");
        // a legal review that follows must read the copy as it will go out
        evidence.refresh(task.getExecution(), Vars.campaignId(task));
    }
}
