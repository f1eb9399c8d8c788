package io.campaignpilot.engine;

import io.campaignpilot.web.ConflictException;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The capabilities' one door to the process engine: what they start, tell and ask it about a campaign. Only this
 * class, process/ (delegates, engine configuration, in-app workers) and security/ (identity, webapps) use Camunda's
 * API; ModuleStructureTest keeps it so. It returns plain records, so no capability sees an engine type.
 */
@Service
public class CampaignEngine {
    /** Activities that only contain the steps a person would name (call activities, sub-processes). */
    private static final Set<String> CONTAINERS = Set.of("callActivity", "multiInstanceBody", "subProcess");

    /** Where a campaign's instances stand: the named steps they wait in, and their incidents. */
    public record Progress(List<String> openSteps, List<Incident> incidents) {
    }

    /** A failure where it happened; its message names the business step first (see IncidentsNameTheStep). */
    public record Incident(String activityId, String message) {
    }

    /** One channel's "Dispatch deliveries" step: who has it locked until when, retries left, the last failure. */
    public record DispatchStep(String channel, String workerId, Instant lockedUntil, Integer retriesLeft,
                               String failure) {
    }

    /** A user task waiting for a person: which one (its id in the model), who holds it, in which instance. */
    public record OpenTask(String taskKey, String assignee, String processInstanceId) {
    }

    /** The open user tasks of one kind: how many, and when the oldest was created (null if none). */
    public record TaskQueue(long open, Instant oldestCreated) {
    }

    private final RuntimeService runtime;
    private final HistoryService history;
    private final TaskService tasks;
    private final ExternalTaskService externalTasks;
    private final ManagementService management;
    private final IdentityService identity;

    public CampaignEngine(RuntimeService runtime, HistoryService history, TaskService tasks,
                          ExternalTaskService externalTasks, ManagementService management, IdentityService identity) {
        this.runtime = runtime;
        this.history = history;
        this.tasks = tasks;
        this.externalTasks = externalTasks;
        this.management = management;
        this.identity = identity;
    }

    /** Starts the lifecycle of a registered campaign, in the caller's transaction; its id is the business key. */
    public void startLifecycle(String campaignId, String triggerType) {
        runtime.createMessageCorrelation(ProcessNames.CAMPAIGN_TRIGGERED)
                .processInstanceBusinessKey(campaignId)
                .setVariables(Map.of(ProcessNames.CAMPAIGN_ID, campaignId, ProcessNames.TRIGGER_TYPE, triggerType))
                .correlateStartMessage();
    }

    /**
     * Interrupts a running lifecycle: it records the withdrawal and ends as Withdrawn with the reason. A step of the
     * campaign that commits at the same moment makes the engine refuse the withdrawal (optimistic locking); it is
     * tried again a few times before the caller is told to try again (409).
     */
    public void withdraw(String processInstanceId, String reason, String withdrawnBy) {
        for (int attempt = 1; ; attempt++) {
            try {
                runtime.createMessageCorrelation(ProcessNames.CAMPAIGN_WITHDRAWN).processInstanceId(processInstanceId)
                        .setVariable(ProcessNames.WITHDRAW_REASON, reason)
                        .setVariable(ProcessNames.WITHDRAWN_BY, withdrawnBy)
                        .correlate();
                return;
            } catch (OptimisticLockingException e) {
                if (attempt == WITHDRAW_ATTEMPTS) {
                    throw new ConflictException("the campaign is moving to its next step right now: withdraw it again", e);
                }
                pause(Duration.ofMillis(50L * attempt));
            }
        }
    }

    private static final int WITHDRAW_ATTEMPTS = 4;

    private static void pause(Duration time) {
        try {
            Thread.sleep(time);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a withdrawal", e);
        }
    }

    /** The steps the lifecycle and the processes it called wait in, by name, and their incidents. */
    public Progress progress(String lifecycleInstanceId) {
        List<String> steps = new ArrayList<>();
        List<Incident> incidents = new ArrayList<>();
        for (String pid : processTree(lifecycleInstanceId)) {
            for (HistoricActivityInstance a : history.createHistoricActivityInstanceQuery().processInstanceId(pid)
                    .unfinished().list()) {
                if (!CONTAINERS.contains(a.getActivityType()) && a.getActivityName() != null) {
                    steps.add(a.getActivityName());
                }
            }
            // each failure once, where it happened: the calling processes' incidents only point at it
            runtime.createIncidentQuery().processInstanceId(pid).list().stream().filter(CampaignEngine::isRootCause)
                    .forEach(i -> incidents.add(new Incident(i.getActivityId(), i.getIncidentMessage())));
        }
        return new Progress(steps, incidents);
    }

    /** The dispatch steps of the campaign's publishing, one per channel being dispatched now. */
    public List<DispatchStep> dispatchSteps(String lifecycleInstanceId) {
        List<DispatchStep> steps = new ArrayList<>();
        for (ExternalTask task : externalTasks.createExternalTaskQuery().topicName(ProcessNames.CHANNEL_DISPATCH_TOPIC)
                .processInstanceIdIn(processTree(lifecycleInstanceId).toArray(String[]::new)).list()) {
            Object channel = runtime.getVariable(task.getExecutionId(), ProcessNames.CHANNEL);
            steps.add(new DispatchStep(String.valueOf(channel), task.getWorkerId(), instant(task.getLockExpirationTime()),
                    task.getRetries(), task.getErrorMessage()));
        }
        return steps;
    }

    /** The campaign's user tasks waiting for a person. */
    public List<OpenTask> openTasks(String campaignId) {
        return tasks.createTaskQuery().processInstanceBusinessKey(campaignId).active().list().stream()
                .map(t -> new OpenTask(t.getTaskDefinitionKey(), t.getAssignee(), t.getProcessInstanceId())).toList();
    }

    /** Replaces the evidence a review's form shows (variables of the review's instance). */
    public void showReviewEvidence(String reviewInstanceId, Map<String, Object> evidence) {
        runtime.setVariables(reviewInstanceId, evidence);
    }

    /** The open tasks of one user task in the models (by its id), across campaigns. */
    public TaskQueue taskQueue(String taskKey) {
        long open = tasks.createTaskQuery().taskDefinitionKey(taskKey).active().count();
        List<Task> oldest = open == 0 ? List.of()
                : tasks.createTaskQuery().taskDefinitionKey(taskKey).active().orderByTaskCreateTime().asc().listPage(0, 1);
        return new TaskQueue(open, oldest.isEmpty() ? null : instant(oldest.getFirst().getCreateTime()));
    }

    /** Open incidents now, by the campaign (business key) of the process they are in, called processes included. */
    public Map<String, Long> openIncidentsByCampaign() {
        List<org.camunda.bpm.engine.runtime.Incident> open = runtime.createIncidentQuery().list();
        Set<String> instances = open.stream().map(org.camunda.bpm.engine.runtime.Incident::getProcessInstanceId)
                .filter(Objects::nonNull).collect(Collectors.toSet());
        if (instances.isEmpty()) {
            return Map.of();
        }
        Map<String, String> campaignOf = new HashMap<>();
        runtime.createProcessInstanceQuery().processInstanceIds(instances).list().stream()
                .filter(pi -> pi.getBusinessKey() != null)
                .forEach(pi -> campaignOf.put(pi.getId(), pi.getBusinessKey()));
        return open.stream().filter(CampaignEngine::isRootCause).filter(i -> campaignOf.containsKey(i.getProcessInstanceId()))
                .collect(Collectors.groupingBy(i -> campaignOf.get(i.getProcessInstanceId()),
                        Collectors.counting()));
    }

    private static boolean isRootCause(org.camunda.bpm.engine.runtime.Incident incident) {
        return incident.getRootCauseIncidentId() == null || incident.getRootCauseIncidentId().equals(incident.getId());
    }

    /** Whether the user is a member of the group, as Camunda's identity service says now. */
    public boolean isMember(String user, String group) {
        return identity.createGroupQuery().groupMember(user).groupId(group).count() > 0;
    }

    /** The prefix of the engine's tables (empty unless configured), read from the engine rather than assumed. */
    public String tablePrefix() {
        String jobTable = management.getTableName(Job.class);
        return jobTable.substring(0, jobTable.length() - "ACT_RU_JOB".length());
    }

    /**
     * Overwrites a running variable through the engine, so the change is itself recorded: local to its task if it
     * belongs to one, else to its execution. False if it belongs to neither.
     */
    public boolean overwriteVariable(String taskId, String executionId, String name, String value) {
        if (taskId != null) {
            tasks.setVariableLocal(taskId, name, value);
        } else if (executionId != null) {
            runtime.setVariableLocal(executionId, name, value);
        } else {
            return false;
        }
        return true;
    }

    /**
     * The campaign's instance and every instance it called (generation rounds, reviews, publishing), the campaign's
     * first: one query on the history's indexed root instance column, where following the called instances level by
     * level would scan the history's unindexed super instance column once per instance.
     */
    private List<String> processTree(String root) {
        List<String> ids = new ArrayList<>(List.of(root));
        history.createHistoricProcessInstanceQuery().rootProcessInstanceId(root).orderByProcessInstanceStartTime().asc()
                .list().stream().map(HistoricProcessInstance::getId).filter(id -> !id.equals(root)).forEach(ids::add);
        return ids;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
