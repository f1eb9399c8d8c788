package io.campaignpilot.process;

import io.campaignpilot.engine.ProcessNames;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On completing a learning review (judged first by {@link GovernedEngineCommands}: a marketing lead, only the
 * review's own fields): keeps who decided, the authenticated user and never a settable assignee, for the steps after.
 */
@Component("learningDecisionRecorder")
public class LearningDecisionRecorder implements TaskListener {
    private final IdentityService identity;

    public LearningDecisionRecorder(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public void notify(DelegateTask task) {
        String lead = identity.getCurrentAuthentication() != null ? identity.getCurrentAuthentication().getUserId()
                : task.getAssignee();
        if (lead == null) {
            throw new IllegalStateException("a learning is decided by a person: nobody is authenticated or assigned");
        }
        task.getExecution().setVariable(ProcessNames.LEARNING_DECIDED_BY, lead);
    }
}
