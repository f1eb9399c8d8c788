package io.campaignpilot.process;

import io.campaignpilot.campaign.Channel;
import io.campaignpilot.policy.PolicyService;
import io.campaignpilot.policy.Severity;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@Component("checkPolicy")
public class CheckPolicy implements JavaDelegate {
    private final PolicyService policy;

    public CheckPolicy(PolicyService policy) {
        this.policy = policy;
    }

    @Override
    public void execute(DelegateExecution execution) {
        PolicyService.Outcome outcome = policy.check(Vars.campaignId(execution),
                Vars.integer(execution, "generationRound", 1), "PRE_REVIEW");
        execution.setVariable("riskTier", outcome.tier().name());
        execution.setVariable("approvedChannels", Channel.toCsv(outcome.channels()));
        execution.setVariable("blockingFindings", (int) outcome.findings().stream()
                .filter(f -> f.severity() == Severity.BLOCK).count());
        execution.setVariable("rulesVersion", outcome.rulesVersion());
    }
}
