package io.campaignpilot.process;

import io.campaignpilot.audience.AudienceSelection;
import io.campaignpilot.audience.AudienceSummary;
import io.campaignpilot.engine.ProcessNames;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@Component("selectAudience")
public class SelectAudience implements JavaDelegate {
    private final AudienceSelection selection;

    public SelectAudience(AudienceSelection selection) {
        this.selection = selection;
    }

    @Override
    public void execute(DelegateExecution execution) {
        AudienceSummary summary = selection.select(Vars.campaignId(execution));
        execution.setVariable(ProcessNames.AUDIENCE_TREATMENT, summary.treatment());
        execution.setVariable(ProcessNames.AUDIENCE_HOLDOUT, summary.holdout());
    }
}
