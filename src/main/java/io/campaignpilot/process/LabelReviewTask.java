package io.campaignpilot.process;

import io.campaignpilot.engine.ProcessNames;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On creating a review task: puts the campaign's title and tier in the task so that a queue of reviews in
 * Tasklist reads as a list of campaigns, and HIGH-risk reviews sort first. A learning review says what it is for.
 */
@Component("labelReviewTask")
public class LabelReviewTask implements TaskListener {
    static final int HIGH_PRIORITY = 75;

    @Override
    public void notify(DelegateTask task) {
        String title = Vars.string(task, ProcessNames.CAMPAIGN_TITLE);
        String tier = Vars.string(task, ProcessNames.RISK_TIER);
        if (title != null && !title.isBlank()) {
            task.setName(task.getName() + " — " + title);
        }
        if (ProcessNames.LEARNING_REVIEW_TASK.equals(task.getTaskDefinitionKey())) {
            task.setDescription("Drafted from the campaign's measured result; once approved it grounds later campaigns of "
                    + "its region and category for a year. Full result: /api/campaigns/" + Vars.campaignId(task));
            return;
        }
        task.setDescription("Risk tier " + (tier == null ? "unknown" : tier) + ", generation round "
                + Vars.integer(task, ProcessNames.GENERATION_ROUND, 1) + ". Full evidence: /api/campaigns/"
                + Vars.campaignId(task));
        if ("HIGH".equals(tier)) {
            task.setPriority(HIGH_PRIORITY);
        }
    }
}
