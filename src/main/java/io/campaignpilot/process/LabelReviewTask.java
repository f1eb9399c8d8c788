package io.campaignpilot.process;

import io.campaignpilot.engine.ProcessNames;
import io.campaignpilot.review.ReviewCompletion.Review;
import io.campaignpilot.review.ReviewEvidence;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * On creating a review task: puts the review, tier and campaign title in the task's name so that a queue of reviews in
 * Tasklist reads as a list of campaigns with their risk, and HIGH-risk reviews sort first; links the auditor's evidence
 * in Cockpit; and refreshes the evidence the form shows (legal then reads marketing's decision of this very round),
 * with the decision fields empty, so a new round never opens with the last round's answer filled in.
 */
@Component("labelReviewTask")
public class LabelReviewTask implements TaskListener {
    static final int HIGH_PRIORITY = 75;

    /** The review's evidence variables for a campaign id. */
    private final Function<String, Map<String, Object>> evidence;

    @Autowired
    public LabelReviewTask(ReviewEvidence evidence) {
        this(evidence::asVariables);
    }

    LabelReviewTask(Function<String, Map<String, Object>> evidence) {
        this.evidence = evidence;
    }

    @Override
    public void notify(DelegateTask task) {
        String title = Vars.string(task, ProcessNames.CAMPAIGN_TITLE);
        String tier = Vars.string(task, ProcessNames.RISK_TIER);
        String campaignId = Vars.campaignId(task);
        if (ProcessNames.LEARNING_REVIEW_TASK.equals(task.getTaskDefinitionKey())) {
            if (title != null && !title.isBlank()) {
                task.setName(task.getName() + " — " + title);
            }
            task.setDescription("Drafted from the campaign's measured result; once approved it grounds later campaigns of "
                    + "its region and category for a year. Full result: " + ReviewEvidence.cockpitLink(campaignId));
            return;
        }
        task.setName(task.getName() + " · " + (tier == null ? "tier unknown" : tier)
                + (title == null || title.isBlank() ? "" : " — " + title));
        task.setDescription("Risk tier " + (tier == null ? "unknown" : tier) + ", generation round "
                + Vars.integer(task, ProcessNames.GENERATION_ROUND, 1) + ". Full evidence in Cockpit: "
                + ReviewEvidence.cockpitLink(campaignId));
        if ("HIGH".equals(tier)) {
            task.setPriority(HIGH_PRIORITY);
        }
        Review.ofTask(task.getTaskDefinitionKey()).ifPresent(review -> {
            Map<String, Object> fresh = new HashMap<>(evidence.apply(campaignId));
            fresh.put(review.decisionField(), null);
            fresh.put(review.commentField(), null);
            review.noteField().ifPresent(note -> fresh.put(note, null));
            task.getExecution().setVariables(fresh);
        });
    }
}
