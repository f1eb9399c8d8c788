package io.campaignpilot.process;

import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.review.ReviewCompletion.Review;
import io.campaignpilot.security.Groups;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * A review missed its SLA: the leads of the same discipline can now see and take it, and it jumps the queue. An
 * overdue legal review goes to the legal leads, never to marketing: escalation keeps the reviewer's authority.
 */
@Component("escalateOverdueReview")
public class EscalateOverdueReview implements JavaDelegate {
    private final TaskService tasks;
    private final AuditLog audit;

    public EscalateOverdueReview(TaskService tasks, AuditLog audit) {
        this.tasks = tasks;
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).active().list()) {
            Review review = Review.ofTask(task.getTaskDefinitionKey()).orElse(null);
            if (review == null) {
                continue;
            }
            String leads = escalationGroup(review);
            tasks.addCandidateGroup(task.getId(), leads);
            tasks.setPriority(task.getId(), 90);
            audit.record(Vars.campaignId(execution), "process", "REVIEW_ESCALATED", Map.of("task", task.getName(),
                    "dueDate", String.valueOf(task.getDueDate()), "escalatedTo", leads));
        }
    }

    static String escalationGroup(Review review) {
        return review == Review.LEGAL ? Groups.LEGAL_LEADS : Groups.MARKETING_LEADS;
    }
}
