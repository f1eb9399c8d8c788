package io.campaignpilot.process;

import io.campaignpilot.engine.ProcessNames;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Counts generation rounds; the lifecycle bounds regeneration by this number. */
@Component("prepareGenerationRound")
public class PrepareGenerationRound implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(ProcessNames.GENERATION_ROUND,
                Vars.integer(execution, ProcessNames.GENERATION_ROUND, 0) + 1);
    }
}
