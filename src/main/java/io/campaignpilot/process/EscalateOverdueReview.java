package io.campaignpilot.process;

import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.security.Groups;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import java.util.Map;

/** A review missed its SLA: the marketing leads can now see and take it, and it jumps the queue. */
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
            tasks.addCandidateGroup(task.getId(), Groups.MARKETING_LEADS);
            tasks.setPriority(task.getId(), 90);
            audit.record(Vars.campaignId(execution), "process", "REVIEW_ESCALATED", Map.of("task", task.getName(),
                    "dueDate", String.valueOf(task.getDueDate()), "escalatedTo", Groups.MARKETING_LEADS));
        }
    }
}
