package io.campaignpilot.process;

import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.engine.ProcessNames;
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
import java.util.Map;
import java.util.stream.Stream;

/**
 * Links the process to its campaign. A trigger event arrives already registered; a manager's brief from
 * the start form is validated and registered here (an invalid brief fails the start, so Tasklist shows why).
 */
@Component("registerCampaign")
public class RegisterCampaign implements JavaDelegate {
    /** The brief form's channel check boxes, each with the channel it selects. */
    private static final List<Map.Entry<String, String>> CHANNEL_BOXES = List.of(
            Map.entry(ProcessNames.CHANNEL_EMAIL, "email"), Map.entry(ProcessNames.CHANNEL_SMS, "sms"),
            Map.entry(ProcessNames.CHANNEL_PUSH, "push"), Map.entry(ProcessNames.CHANNEL_WEB, "web"),
            Map.entry(ProcessNames.CHANNEL_SOCIAL, "social"));
    /** The fields of the brief start form: the only variables a person may start a campaign with. */
    static final List<String> BRIEF_FIELDS = Stream.concat(
            Stream.of(ProcessNames.TITLE, ProcessNames.SKUS, ProcessNames.CATEGORY, ProcessNames.REGION,
                    ProcessNames.DISCOUNT_PERCENT, ProcessNames.SEGMENT, ProcessNames.OBJECTIVE),
            CHANNEL_BOXES.stream().map(Map.Entry::getKey)).toList();

    private final CampaignRegistration registration;
    private final int maxRounds;

    public RegisterCampaign(CampaignRegistration registration, ReviewProperties review) {
        this.registration = registration;
        this.maxRounds = review.maxGenerationRounds();
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (execution.getVariable(ProcessNames.CAMPAIGN_ID) == null) {
            Campaign c = registration.register(briefFromForm(execution), null, TriggerType.BRIEF,
                    Vars.string(execution, ProcessNames.BRIEF_AUTHOR) == null ? "tasklist"
                            : Vars.string(execution, ProcessNames.BRIEF_AUTHOR));
            execution.setVariable(ProcessNames.CAMPAIGN_ID, c.id());
            execution.setVariable(ProcessNames.TRIGGER_TYPE, TriggerType.BRIEF.name());
            execution.setProcessBusinessKey(c.id());
        }
        Campaign campaign = registration.linkProcess(Vars.campaignId(execution), execution.getProcessInstanceId());
        execution.setVariable(ProcessNames.CAMPAIGN_TITLE, campaign.title());
        execution.setVariable(ProcessNames.REGION, campaign.region());
        execution.setVariable(ProcessNames.CHANNELS, Channel.toCsv(campaign.channels()));
        execution.setVariable(ProcessNames.MAX_GENERATION_ROUNDS, maxRounds);
        execution.setVariable(ProcessNames.GENERATION_ROUND, 0);
    }

    private static Brief briefFromForm(DelegateExecution execution) {
        List<String> channels = new ArrayList<>();
        for (Map.Entry<String, String> box : CHANNEL_BOXES) {
            if (Boolean.TRUE.equals(execution.getVariable(box.getKey()))) {
                channels.add(box.getValue());
            }
        }
        String skus = Vars.string(execution, ProcessNames.SKUS);
        Object discount = execution.getVariable(ProcessNames.DISCOUNT_PERCENT);
        return new Brief(Vars.string(execution, ProcessNames.TITLE), Vars.string(execution, ProcessNames.REGION),
                Vars.string(execution, ProcessNames.CATEGORY),
                skus == null || skus.isBlank() ? List.of()
                        : Arrays.stream(skus.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
                discount instanceof Number n ? n.intValue() : null, channels, Vars.string(execution, ProcessNames.SEGMENT),
                Vars.string(execution, ProcessNames.OBJECTIVE));
    }
}
