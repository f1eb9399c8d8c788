package io.campaignpilot.process;

import io.campaignpilot.engine.ProcessNames;
import io.campaignpilot.learning.CampaignLearnings;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The lead rejected the drafted learning: it is kept with their reason and never reaches search (database only). */
@Component("setLearningAside")
public class SetLearningAside implements JavaDelegate {
    private final CampaignLearnings learnings;

    public SetLearningAside(CampaignLearnings learnings) {
        this.learnings = learnings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        learnings.setAside(Vars.campaignId(execution), Vars.string(execution, ProcessNames.LEARNING_DOC_ID),
                Vars.integer(execution, ProcessNames.LEARNING_VERSION, 0),
                Vars.string(execution, ProcessNames.LEARNING_DECIDED_BY),
                Vars.string(execution, ProcessNames.LEARNING_COMMENT));
    }
}
