package io.campaignpilot.process;

import io.campaignpilot.campaign.Channel;
import io.campaignpilot.engine.ProcessNames;
import io.campaignpilot.generation.GenerationService;
import io.campaignpilot.policy.PolicyService;
import io.campaignpilot.policy.Severity;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Judges a round's fresh copy: the first step after the round's channels have joined, so it also times the round. */
@Component("checkPolicy")
public class CheckPolicy implements JavaDelegate {
    private final PolicyService policy;
    private final GenerationService generation;

    public CheckPolicy(PolicyService policy, GenerationService generation) {
        this.policy = policy;
        this.generation = generation;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String campaignId = Vars.campaignId(execution);
        int round = Vars.integer(execution, ProcessNames.GENERATION_ROUND, 1);
        generation.roundCompleted(campaignId, round);
        PolicyService.Outcome outcome = policy.check(campaignId, round, "PRE_REVIEW");
        execution.setVariable(ProcessNames.RISK_TIER, outcome.tier().name());
        execution.setVariable(ProcessNames.APPROVED_CHANNELS, Channel.toCsv(outcome.channels()));
        execution.setVariable(ProcessNames.BLOCKING_FINDINGS, (int) outcome.findings().stream()
                .filter(f -> f.severity() == Severity.BLOCK).count());
        execution.setVariable(ProcessNames.RULES_VERSION, outcome.rulesVersion());
    }
}
