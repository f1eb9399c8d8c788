package io.campaignpilot.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Counts generation rounds; the lifecycle bounds regeneration by this number. */
@Component("prepareGenerationRound")
public class PrepareGenerationRound implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable("generationRound", Vars.integer(execution, "generationRound", 0) + 1);
    }
}
