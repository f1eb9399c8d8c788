package io.campaignpilot.process;

import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.review.ReviewProperties;
import io.campaignpilot.trigger.Brief;
import io.campaignpilot.trigger.CampaignRegistration;
import io.campaignpilot.trigger.TriggerType;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Links the process to its campaign. A trigger event arrives already registered; a manager's brief from
 * the start form is validated and registered here (an invalid brief fails the start, so Tasklist shows why).
 */
@Component("registerCampaign")
public class RegisterCampaign implements JavaDelegate {
    private static final List<String> CHANNEL_BOXES = List.of("Email", "Sms", "Push", "Web", "Social");
    /** The fields of the brief start form: the only variables a person may start a campaign with. */
    static final List<String> BRIEF_FIELDS = java.util.stream.Stream.concat(
            java.util.stream.Stream.of("title", "skus", "category", "region", "discountPercent", "segment", "objective"),
            CHANNEL_BOXES.stream().map(box -> "channel" + box)).toList();

    private final CampaignRegistration registration;
    private final int maxRounds;

    public RegisterCampaign(CampaignRegistration registration, ReviewProperties review) {
        this.registration = registration;
        this.maxRounds = review.maxGenerationRounds();
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (execution.getVariable("campaignId") == null) {
            Campaign c = registration.register(briefFromForm(execution), null, TriggerType.BRIEF,
                    Vars.string(execution, "briefAuthor") == null ? "tasklist" : Vars.string(execution, "briefAuthor"));
            execution.setVariable("campaignId", c.id());
            execution.setVariable("triggerType", TriggerType.BRIEF.name());
            execution.setProcessBusinessKey(c.id());
        }
        Campaign campaign = registration.linkProcess(Vars.campaignId(execution), execution.getProcessInstanceId());
        execution.setVariable("campaignTitle", campaign.title());
        execution.setVariable("region", campaign.region());
        execution.setVariable("channels", Channel.toCsv(campaign.channels()));
        execution.setVariable("maxGenerationRounds", maxRounds);
        execution.setVariable("generationRound", 0);
    }

    private static Brief briefFromForm(DelegateExecution execution) {
        List<String> channels = new ArrayList<>();
        for (String key : CHANNEL_BOXES) {
            if (Boolean.TRUE.equals(execution.getVariable("channel" + key))) {
                channels.add(key.toLowerCase());
            }
        }
        String skus = Vars.string(execution, "skus");
        Object discount = execution.getVariable("discountPercent");
        return new Brief(Vars.string(execution, "title"), Vars.string(execution, "region"), Vars.string(execution, "category"),
                skus == null || skus.isBlank() ? List.of()
                        : Arrays.stream(skus.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
                discount instanceof Number n ? n.intValue() : null, channels, Vars.string(execution, "segment"),
                Vars.string(execution, "objective"));
    }
}
