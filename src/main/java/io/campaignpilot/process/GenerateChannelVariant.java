package io.campaignpilot.process;

import io.campaignpilot.campaign.Channel;
import io.campaignpilot.generation.GenerationService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@Component("generateChannelVariant")
public class GenerateChannelVariant implements JavaDelegate {
    private final GenerationService generation;

    public GenerateChannelVariant(GenerationService generation) {
        this.generation = generation;
    }

    @Override
    public void execute(DelegateExecution execution) {
        generation.generate(Vars.campaignId(execution), Vars.integer(execution, "generationRound", 1),
                Channel.of(Vars.string(execution, "channel")));
    }
}
