package io.campaignpilot.process;

import io.campaignpilot.engine.ProcessNames;
import io.campaignpilot.review.CopyEdits;
import io.campaignpilot.review.NotTheReviewerException;
import io.campaignpilot.review.ReviewCompletion;
import io.campaignpilot.review.ReviewCompletion.OpenReview;
import io.campaignpilot.review.ReviewCompletion.Refusal;
import io.campaignpilot.review.ReviewCompletion.Review;
import io.campaignpilot.review.ReviewEdits;
import io.campaignpilot.security.Groups;
import io.campaignpilot.trigger.CampaignRegistration;
import io.campaignpilot.web.FieldError;
import io.campaignpilot.web.InvalidInputException;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cmd.AbstractCorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.AddCommentCmd;
import org.camunda.bpm.engine.impl.cmd.CreateAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteProcessInstanceCommentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTaskCommentCmd;
import org.camunda.bpm.engine.impl.cmd.SaveAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.UpdateCommentCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.SetExternalTaskRetriesCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobRetriesCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CorrelateAllMessageCmd;
import org.camunda.bpm.engine.impl.cmd.FetchExternalTasksCmd;
import org.camunda.bpm.engine.impl.cmd.HandleExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.LockExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.UnlockExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.batch.CorrelateAllMessageBatchCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The engine's own doors, governed: every command that completes a review, sets a task's variables, starts a
 * campaign, sends a message or works an external task passes here first, whether it came from Tasklist, {@code /engine-rest} or Java. A
 * review completion is judged by {@link ReviewCompletion} (only the review's own fields, a valid decision, four
 * eyes) and a reviewer's copy edit is judged by the rules, before anything moves; a refusal is a 400 or 403 with the
 * reason, never an engine stack trace. People (authenticated callers) start campaigns only from the brief form's
 * fields and never send process messages: those come from CampaignPilot's own API.
 *
 * <p>Camunda 7 offers no hook that sees a command's submitted variables, so the few command fields read here are read
 * by reflection (Camunda 7.24.0, the last CE release, is pinned); a field that cannot be read refuses the command.
 */
@Component
public class GovernedEngineCommands extends CommandInterceptor implements ProcessEnginePlugin {
    private final ReviewCompletion completion;
    private final ReviewEdits edits;
    private final CampaignRegistration registration;

    // lazy: this plugin configures the engine that these capabilities' beans depend on
    public GovernedEngineCommands(@Lazy ReviewCompletion completion, @Lazy ReviewEdits edits,
                                  @Lazy CampaignRegistration registration) {
        this.completion = completion;
        this.edits = edits;
        this.registration = registration;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> interceptors = configuration.getCustomPostCommandInterceptorsTxRequired() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
        interceptors.add(this);
        configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
        // a candidate may claim and complete a review, not rename, reassign or re-date it
        configuration.setDefaultUserPermissionForTask(TaskPermissions.TASK_WORK);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
    }

    @Override
    public void postProcessEngineBuild(org.camunda.bpm.engine.ProcessEngine engine) {
    }

    @Override
    public <T> T execute(Command<T> command) {
        if (command instanceof CompleteTaskCmd) { // also ResolveTaskCmd
            completing((String) field(command, "taskId"), values(field(command, "variables"), GovernedEngineCommands::invalid));
        } else if (command instanceof SubmitTaskFormCmd) {
            completing((String) field(command, "taskId"), values(field(command, "properties"), GovernedEngineCommands::invalid));
        } else if (command instanceof SetExternalTaskRetriesCmd && isPerson() && !isAdmin()
                && inGroup(Groups.PROCESS_OWNERS)) {
            return retryingExternalTask(command);
        } else if (isPerson() && !isAdmin()) {
            if (command instanceof HandleTaskBpmnErrorCmd || command instanceof HandleTaskEscalationCmd) {
                throw new AuthorizationException("A review ends with a decision (approve, request changes or reject), not "
                        + "with a BPMN error or escalation");
            }
            if (command instanceof ClaimTaskCmd) {
                claiming((String) field(command, "taskId"), (String) field(command, "userId"));
            }
            if (command instanceof SetJobRetriesCmd && (int) field(command, "retries") < 1) {
                throw new AuthorizationException("Process owners retry failed jobs; setting a job's retries to "
                        + field(command, "retries") + " would stop it");
            }
            if (command instanceof AddCommentCmd || command instanceof CreateAttachmentCmd) {
                annotating((String) field(command, "taskId"));
            }
            if (command instanceof UpdateCommentCmd || command instanceof DeleteTaskCommentCmd
                    || command instanceof DeleteProcessInstanceCommentCmd || command instanceof DeleteAttachmentCmd
                    || command instanceof SaveAttachmentCmd) {
                throw new AuthorizationException("A campaign's comments and attachments are part of its review's record: "
                        + "they are added, never changed or deleted");
            }
            if (command instanceof SetTaskVariablesCmd || command instanceof RemoveTaskVariablesCmd
                    || command instanceof PatchTaskVariablesCmd) {
                throw new AuthorizationException("A review's variables are set only by completing it, with its decision "
                        + "and comment");
            }
            if (command instanceof AbstractCorrelateMessageCmd || command instanceof CorrelateAllMessageCmd
                    || command instanceof CorrelateAllMessageBatchCmd || command instanceof MessageEventReceivedCmd
                    || command instanceof SignalEventReceivedCmd) {
                throw new AuthorizationException("Campaign events (triggers, withdrawals) are sent through CampaignPilot's "
                        + "API, not as engine messages");
            }
            if (command instanceof HandleExternalTaskCmd || command instanceof FetchExternalTasksCmd
                    || command instanceof UnlockExternalTaskCmd || command instanceof LockExternalTaskCmd) {
                throw new AuthorizationException("External tasks (sending, search, model calls) are worked by CampaignPilot's own "
                        + "workers: a person may retry a failed one in Cockpit, not fetch, lock or complete it");
            }
            if (command instanceof StartProcessInstanceAtActivitiesCmd) {
                throw new AuthorizationException("A campaign starts at its beginning: starting at a chosen activity is "
                        + "reserved to administrators");
            }
            if (command instanceof StartProcessInstanceCmd) {
                ProcessInstantiationBuilderImpl builder = (ProcessInstantiationBuilderImpl) field(command, "instantiationBuilder");
                if (!builder.getModificationBuilder().getModificationOperations().isEmpty()) {
                    throw new AuthorizationException("A campaign starts at its beginning: start instructions are reserved "
                            + "to administrators");
                }
                // the REST start resource passes only authorization refusals on as a 4xx
                starting(definitionKey(builder.getProcessDefinitionId(), builder.getProcessDefinitionKey()),
                        builder.getBusinessKey(), values(builder.getVariables(), AuthorizationException::new),
                        AuthorizationException::new);
            } else if (command instanceof SubmitStartFormCmd) {
                starting(definitionKey((String) field(command, "processDefinitionId"), null),
                        (String) field(command, "businessKey"),
                        values(field(command, "variables"), GovernedEngineCommands::invalid), GovernedEngineCommands::invalid);
            }
        }
        return next.execute(command);
    }

    private void completing(String taskId, Map<String, Object> submitted) {
        CommandContext context = Context.getCommandContext();
        TaskService tasks = context.getProcessEngineConfiguration().getTaskService();
        Task task = context.runWithoutAuthorization(() -> tasks.createTaskQuery().taskId(taskId).singleResult());
        Optional<Review> review = task == null ? Optional.empty() : Review.ofTask(task.getTaskDefinitionKey());
        if (review.isEmpty()) {
            return; // not a review (or no such task): the engine answers as usual
        }
        String user = isPerson() ? context.getAuthenticatedUserId() : null;
        // someone who may not see the task gets the engine's own refusal, and learns nothing about the campaign
        if (user != null && tasks.createTaskQuery().taskId(taskId).count() == 0) {
            return;
        }
        // the review's own groups decide it: being made its assignee is not enough
        if (user != null) {
            List<String> candidates = candidateGroups(taskId);
            if (!inAnyOf(candidates)) {
                throw new AuthorizationException("Only members of " + String.join(" or ", candidates) + " decide the "
                        + review.get().label() + "; " + user + " is not one");
            }
        }
        Map<String, Object> current = context.runWithoutAuthorization(() -> new LinkedHashMap<>(tasks.getVariables(taskId)));
        String campaignId = String.valueOf(current.get(ProcessNames.CAMPAIGN_ID));
        OpenReview open = new OpenReview(review.get(), campaignId, task.getAssignee(), current);
        Optional<Refusal> refusal = completion.judge(open, user, submitted);
        if (refusal.isPresent()) {
            throw refusal.get().forbidden() ? new AuthorizationException(refusal.get().message())
                    : invalid(refusal.get().message());
        }
        List<ReviewEdits.Edit> copyEdits = review.get() == Review.MARKETING ? CopyEdits.fromForm(submitted, current) : List.of();
        if (!copyEdits.isEmpty()) {
            // the application's own calls (no person) edit on behalf of whoever holds the task
            String editor = user != null ? user : task.getAssignee();
            // judged above; the edit then writes the review's evidence, which the reviewer has no right to do directly
            context.runWithoutAuthorization(() -> {
                applyEdits(campaignId, copyEdits, editor);
                return null;
            });
        }
    }

    /** The rules judge a reviewer's edit before the approval counts; a refusal keeps the task open and says why. */
    private void applyEdits(String campaignId, List<ReviewEdits.Edit> copyEdits, String reviewer) {
        ReviewEdits.Result result;
        try {
            result = edits.apply(campaignId, copyEdits, reviewer == null ? "system" : reviewer);
        } catch (InvalidInputException e) {
            throw invalid("Edit copy: " + e.getMessage());
        } catch (NotTheReviewerException e) {
            throw new AuthorizationException(e.getMessage());
        } catch (IllegalStateException e) {
            throw invalid(e.getMessage());
        }
        if (!result.accepted()) {
            throw invalid("Your edit cannot be approved: " + result.reason());
        }
    }

    /**
     * Process owners retry failed work, external tasks included (a channel whose sending failed, grounding that search
     * could not give, copy that could not be written). Camunda asks UPDATE on the instance for that, which would also
     * let them change it; so this one operation is allowed here instead: only on a task whose retries are spent, and
     * only to give it retries again.
     */
    private <T> T retryingExternalTask(Command<T> command) {
        CommandContext context = Context.getCommandContext();
        String id = (String) field(command, "externalTaskId");
        if ((int) field(command, "retries") < 1) {
            throw new AuthorizationException("Process owners retry failed work; setting retries to "
                    + field(command, "retries") + " would stop it");
        }
        ExternalTask task = context.runWithoutAuthorization(() -> context.getProcessEngineConfiguration()
                .getExternalTaskService().createExternalTaskQuery().externalTaskId(id).singleResult());
        if (task == null || task.getRetries() == null || task.getRetries() > 0) {
            throw new AuthorizationException("Only a failed external task (retries spent, an incident) can be retried");
        }
        return context.runWithoutAuthorization(() -> next.execute(command));
    }

    /**
     * Comments and attachments go on an open task, from the people it is for (its candidate groups): the engine itself
     * checks no permission for them, and an auditor or process owner writing into a live review would change its
     * record.
     */
    private static void annotating(String taskId) {
        CommandContext context = Context.getCommandContext();
        TaskService tasks = context.getProcessEngineConfiguration().getTaskService();
        Task task = taskId == null ? null
                : context.runWithoutAuthorization(() -> tasks.createTaskQuery().taskId(taskId).singleResult());
        if (task == null) {
            throw new AuthorizationException("Comments and attachments go on an open task, by the people it is for");
        }
        List<String> candidates = candidateGroups(taskId);
        if (!inAnyOf(candidates)) {
            throw new AuthorizationException("Only members of " + (candidates.isEmpty() ? "the task's groups"
                    : String.join(" or ", candidates)) + " comment on or attach to " + task.getName() + "; "
                    + context.getAuthenticatedUserId() + " is not one");
        }
    }

    /** The groups a task is for. */
    private static List<String> candidateGroups(String taskId) {
        CommandContext context = Context.getCommandContext();
        return context.runWithoutAuthorization(() -> context.getProcessEngineConfiguration().getTaskService()
                        .getIdentityLinksForTask(taskId)).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId).toList();
    }

    private static boolean inAnyOf(List<String> groups) {
        List<String> mine = Context.getCommandContext().getAuthenticatedGroupIds();
        return mine != null && groups.stream().anyMatch(mine::contains);
    }

    /** People claim a review for themselves, and hand back only a review they hold. */
    private static void claiming(String taskId, String claimant) {
        CommandContext context = Context.getCommandContext();
        String user = context.getAuthenticatedUserId();
        if (claimant == null) {
            Task task = context.runWithoutAuthorization(() -> context.getProcessEngineConfiguration().getTaskService()
                    .createTaskQuery().taskId(taskId).singleResult());
            if (task != null && task.getAssignee() != null && !user.equals(task.getAssignee())) {
                throw new AuthorizationException("Only " + task.getAssignee() + ", who holds this task, can hand it back");
            }
        } else if (!user.equals(claimant)) {
            throw new AuthorizationException("Claim a task for yourself only: " + user + " cannot claim it for " + claimant);
        }
    }

    private void starting(String processKey, String businessKey, Map<String, Object> variables,
                          Function<String, RuntimeException> refusal) {
        if (!ProcessNames.LIFECYCLE.equals(processKey)) {
            throw new AuthorizationException("Only a campaign (" + ProcessNames.LIFECYCLE + ") can be started, from a brief");
        }
        if (businessKey != null && !businessKey.isBlank()) {
            throw refusal.apply("A campaign's id is given by CampaignPilot: do not send a business key");
        }
        List<String> foreign = variables.keySet().stream().filter(k -> !RegisterCampaign.BRIEF_FIELDS.contains(k)).toList();
        if (!foreign.isEmpty()) {
            throw refusal.apply("A brief may set only " + String.join(", ", RegisterCampaign.BRIEF_FIELDS)
                    + "; refused: " + String.join(", ", new TreeSet<>(foreign)));
        }
        // judged before the engine starts anything, so a bad brief is the person's 400, not a failed start
        List<FieldError> errors = new ArrayList<>(RegisterCampaign.formErrors(variables));
        errors.addAll(registration.validate(RegisterCampaign.briefFromForm(variables)));
        if (!errors.isEmpty()) {
            throw refusal.apply("The brief cannot start a campaign: " + new InvalidInputException(errors).getMessage());
        }
    }

    /**
     * Bad input in a form or task completion. The engine's REST resources answer this exception type with 400 and
     * its message (any other engine exception from a listener or interceptor becomes a 500).
     */
    private static RuntimeException invalid(String message) {
        return new FormFieldValidationException(null, message);
    }

    private static String definitionKey(String definitionId, String key) {
        if (key != null) {
            return key;
        }
        CommandContext context = Context.getCommandContext();
        ProcessDefinition definition = context.runWithoutAuthorization(() -> context.getProcessEngineConfiguration()
                .getRepositoryService().createProcessDefinitionQuery().processDefinitionId(definitionId).singleResult());
        return definition == null ? null : definition.getKey();
    }

    /** A person calling through a door (REST, webapps); the application's own calls carry no authentication. */
    private static boolean isPerson() {
        return Context.getCommandContext().getAuthenticatedUserId() != null;
    }

    private static boolean inGroup(String group) {
        List<String> groups = Context.getCommandContext().getAuthenticatedGroupIds();
        return groups != null && groups.contains(group);
    }

    private static boolean isAdmin() {
        List<String> groups = Context.getCommandContext().getAuthenticatedGroupIds();
        return groups != null && groups.contains(Groups.ADMINS);
    }

    /**
     * The submitted variables' values. A brief or a decision is plain values: a serialized object (sent through REST,
     * which nothing here would read) is refused, naming the variable.
     */
    private static Map<String, Object> values(Object variables, Function<String, RuntimeException> refusal) {
        Map<String, Object> plain = new LinkedHashMap<>();
        if (variables instanceof Map<?, ?> map) {
            for (Object name : map.keySet()) {
                Object value = map instanceof org.camunda.bpm.engine.variable.VariableMap typed
                        ? typed.getValueTyped(String.valueOf(name)) : map.get(name);
                if (value instanceof SerializableValue serialized && !serialized.isDeserialized()) {
                    throw refusal.apply(name + ": send a plain value (text, a number or true/false), not a serialized "
                            + serialized.getType().getName() + " value");
                }
                plain.put(String.valueOf(name), value instanceof TypedValue t ? t.getValue() : value);
            }
        }
        return plain;
    }

    private static Object field(Object command, String name) {
        for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(command);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (IllegalAccessException e) {
                break;
            }
        }
        throw new AuthorizationException("CampaignPilot cannot check this " + command.getClass().getSimpleName()
                + " (engine field " + name + " unreadable), so it is refused");
    }
}
