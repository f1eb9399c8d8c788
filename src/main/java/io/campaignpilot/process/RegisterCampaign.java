package io.campaignpilot.process;

import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.engine.ProcessNames;
import io.campaignpilot.review.ReviewProperties;
import io.campaignpilot.trigger.Brief;
import io.campaignpilot.trigger.CampaignRegistration;
import io.campaignpilot.trigger.TriggerType;
import io.campaignpilot.web.FieldError;
import io.campaignpilot.web.InvalidInputException;
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
            List<FieldError> errors = formErrors(execution.getVariables());
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
            Campaign c = registration.register(briefFromForm(execution.getVariables()), null, TriggerType.BRIEF,
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

    /**
     * What only the start form can get wrong, each naming its field: no channel ticked (an API trigger without
     * channels is sent by email; a form with every box clear is a mistake) and a discount that is not a whole number
     * of percent. The rest is {@link CampaignRegistration#validate}'s.
     */
    static List<FieldError> formErrors(Map<String, Object> form) {
        List<FieldError> errors = new ArrayList<>();
        if (channels(form).isEmpty()) {
            errors.add(new FieldError("channels", "choose at least one channel"));
        }
        Object discount = form.get(ProcessNames.DISCOUNT_PERCENT);
        if (discount != null && percent(discount) == null && !(discount instanceof String text && text.isBlank())) {
            errors.add(new FieldError(ProcessNames.DISCOUNT_PERCENT, "must be a whole number of percent, not " + discount));
        }
        return errors;
    }

    /** The brief the start form's fields describe. */
    static Brief briefFromForm(Map<String, Object> form) {
        String skus = text(form.get(ProcessNames.SKUS));
        return new Brief(text(form.get(ProcessNames.TITLE)), text(form.get(ProcessNames.REGION)),
                text(form.get(ProcessNames.CATEGORY)),
                skus == null || skus.isBlank() ? List.of()
                        : Arrays.stream(skus.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
                percent(form.get(ProcessNames.DISCOUNT_PERCENT)), channels(form), text(form.get(ProcessNames.SEGMENT)),
                text(form.get(ProcessNames.OBJECTIVE)));
    }

    private static List<String> channels(Map<String, Object> form) {
        return CHANNEL_BOXES.stream().filter(box -> Boolean.TRUE.equals(form.get(box.getKey()))).map(Map.Entry::getValue)
                .toList();
    }

    private static Integer percent(Object discount) {
        return discount instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) ? n.intValue() : null;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
