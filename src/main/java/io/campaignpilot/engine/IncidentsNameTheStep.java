package io.campaignpilot.engine;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.persistence.entity.IncidentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * An incident reads as the business step that failed and why, e.g. "Dispatch deliveries: email dispatch failed: …",
 * wherever Cockpit, the audit or our API shows it, instead of a bare exception or an element id such as
 * {@code PublishToChannel#multiInstanceBody}. The incidents Camunda raises in the calling processes (one per call
 * level, with no message of their own) get the same text, so the campaign's own instance says what went wrong.
 */
@Component
public class IncidentsNameTheStep extends AbstractProcessEnginePlugin {
    /** The engine's column for the message. */
    private static final int MESSAGE_LIMIT = 4000;
    private static final String MULTI_INSTANCE_BODY = "#multiInstanceBody";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<IncidentHandler> handlers = configuration.getCustomIncidentHandlers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomIncidentHandlers());
        handlers.add(new StepNamingHandler(Incident.FAILED_JOB_HANDLER_TYPE));
        handlers.add(new StepNamingHandler(Incident.EXTERNAL_TASK_HANDLER_TYPE));
        configuration.setCustomIncidentHandlers(handlers);
    }

    /** The text an incident on {@code activityId} shows: the step's name first, then the cause. */
    static String message(String step, String cause) {
        String text = step == null ? String.valueOf(cause) : cause == null ? step + " failed" : step + ": " + cause;
        return text.length() <= MESSAGE_LIMIT ? text : text.substring(0, MESSAGE_LIMIT - 1) + "…";
    }

    /** The activity's name as the model labels it; a multi-instance body is named by the activity it repeats. */
    static String stepName(String processDefinitionId, String activityId) {
        if (processDefinitionId == null || activityId == null) {
            return null;
        }
        ProcessDefinitionEntity definition = Context.getProcessEngineConfiguration().getDeploymentCache()
                .findDeployedProcessDefinitionById(processDefinitionId);
        String id = activityId.endsWith(MULTI_INSTANCE_BODY)
                ? activityId.substring(0, activityId.length() - MULTI_INSTANCE_BODY.length()) : activityId;
        ActivityImpl activity = definition == null ? null : definition.findActivity(id);
        return activity == null || activity.getName() == null ? id : activity.getName().replaceAll("\\s+", " ");
    }

    private static final class StepNamingHandler extends DefaultIncidentHandler {
        StepNamingHandler(String type) {
            super(type);
        }

        @Override
        public Incident handleIncident(IncidentContext context, String message) {
            String text = message(stepName(context.getProcessDefinitionId(), context.getActivityId()), message);
            IncidentEntity incident = (IncidentEntity) super.handleIncident(context, text);
            // the calling processes' incidents were created with it, still unflushed: give them the same text
            for (IncidentEntity caused : Context.getCommandContext().getDbEntityManager()
                    .getCachedEntitiesByType(IncidentEntity.class)) {
                if (incident.getId().equals(caused.getRootCauseIncidentId()) && !incident.getId().equals(caused.getId())
                        && caused.getIncidentMessage() == null) {
                    caused.setIncidentMessage(message(stepName(caused.getProcessDefinitionId(), caused.getActivityId()),
                            text));
                }
            }
            return incident;
        }
    }
}
