package io.campaignpilot.process;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.processInstanceQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

/** Every path through the lifecycle and its call activities, with scripted steps instead of the real capabilities. */
@Deployment(resources = {"processes/campaign-lifecycle.bpmn", "processes/variant-generation.bpmn",
        "processes/tiered-review.bpmn", "processes/channel-publishing.bpmn", "processes/campaign-measurement.bpmn",
        "forms/brief-start.form", "forms/marketing-review.form", "forms/legal-review.form"})
class CampaignLifecycleProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder()
            .configurationResource("process-tests.camunda.cfg.xml").build();

    private final ScriptedSteps steps = new ScriptedSteps();

    @BeforeEach
    void scriptSteps() {
        steps.register();
    }

    /** The mocks live in a thread-local: leave none behind for the Spring Boot tests that run on this thread next. */
    @AfterEach
    void forgetScriptedSteps() {
        Mocks.reset();
    }

    @Test
    void lowRiskCampaignIsAutoApprovedAndPublishedOnEveryChannel() {
        steps.tiers.add("LOW");
        ProcessInstance pi = trigger("email,sms");
        assertThat(pi).isWaitingAt("EnrichBrief");

        runJobs();

        // deliveries are recorded per channel, then the process waits for the dispatcher on each channel
        ProcessInstance publishing = calledProcessInstance("channel-publishing", pi);
        assertThat(publishing).isWaitingAt("DispatchDeliveries");
        assertThat(engine.getExternalTaskService().createExternalTaskQuery().processInstanceId(publishing.getId())
                .topicName("channel-dispatch").count()).isEqualTo(2);
        assertThat(steps.ran).contains("record:email", "record:sms").doesNotContain("dispatch:email");
        assertThat(pi).isNotEnded();

        dispatchAll();

        assertThat(publishing).isEnded().hasPassed("RecordDeliveries", "DispatchDeliveries", "ChannelsPublished");
        assertThat(pi).isEnded().hasPassed("AutoApprove", "RecheckBeforePublish", "ScheduleMeasurement", "Published")
                .hasNotPassed("ReviewCampaign");
        assertThat(steps.ran).contains("generate:email", "generate:sms", "record:email", "record:sms", "dispatch:email",
                "dispatch:sms");
        assertThat(steps.endStatus).isEqualTo("PUBLISHED");
        // measurement waits for its window in a process of its own
        assertThat(processInstanceQuery().processDefinitionKey("campaign-measurement").singleResult()).isNotNull();
    }

    @Test
    void mediumRiskNeedsOnlyMarketingApproval() {
        steps.tiers.add("MEDIUM");
        ProcessInstance pi = trigger("email");
        runJobs();

        ProcessInstance review = calledProcessInstance("tiered-review", pi);
        assertThat(review).isWaitingAt("MarketingReview");
        assertThat(task(review)).hasCandidateGroup("marketing-managers").hasDueDate(task(review).getDueDate());
        complete(task(review), withVariables("marketingDecision", "approve", "marketingComment", "fine"));
        runJobs();
        dispatchAll();

        assertThat(review).isEnded().hasPassed("ApprovedByMarketing").hasNotPassed("LegalReview");
        assertThat(pi).isEnded().hasPassed("Published");
    }

    @Test
    void highRiskNeedsMarketingThenLegal() {
        steps.tiers.add("HIGH");
        ProcessInstance pi = trigger("email");
        runJobs();
        ProcessInstance review = calledProcessInstance("tiered-review", pi);

        complete(task(review), withVariables("marketingDecision", "approve"));
        assertThat(review).isWaitingAt("LegalReview");
        assertThat(task(review)).hasCandidateGroup("legal-reviewers");
        complete(task(review), withVariables("legalDecision", "approve"));
        runJobs();
        dispatchAll();

        assertThat(pi).isEnded().hasPassed("Published");
        assertThat(steps.ran).contains("decided:MarketingReview:approve", "decided:LegalReview:approve");
    }

    @Test
    void legalRejectionEndsTheCampaignRejected() {
        steps.tiers.add("HIGH");
        ProcessInstance pi = trigger("email");
        runJobs();
        ProcessInstance review = calledProcessInstance("tiered-review", pi);
        complete(task(review), withVariables("marketingDecision", "approve"));
        complete(task(review), withVariables("legalDecision", "reject", "legalComment", "health claim not allowed"));

        assertThat(pi).isEnded().hasPassed("Rejected").hasNotPassed("PublishChannels");
        assertThat(steps.endStatus).isEqualTo("REJECTED");
    }

    @Test
    void marketingRejectionEndsTheCampaignRejected() {
        steps.tiers.add("MEDIUM");
        ProcessInstance pi = trigger("email");
        runJobs();
        complete(task(calledProcessInstance("tiered-review", pi)),
                withVariables("marketingDecision", "reject", "marketingComment", "off brand"));

        assertThat(pi).isEnded().hasPassed("Rejected");
    }

    @Test
    void requestedChangesLoopBackToGenerationWithTheComment() {
        steps.tiers.add("MEDIUM");
        ProcessInstance pi = trigger("email");
        runJobs();
        complete(task(calledProcessInstance("tiered-review", pi)),
                withVariables("marketingDecision", "requestChanges", "marketingComment", "mention the 24 hours"));
        runJobs();

        assertThat(pi).hasPassed("RoundsLeftAfterChanges", "Regenerate");
        assertThat(runtimeService().getVariable(pi.getId(), "generationRound")).isEqualTo(2);
        assertThat(runtimeService().getVariable(pi.getId(), "reviewComment")).isEqualTo("mention the 24 hours");
        Task secondReview = taskQuery().processDefinitionKey("tiered-review").singleResult();
        complete(secondReview, withVariables("marketingDecision", "approve"));
        runJobs();
        dispatchAll();

        assertThat(pi).isEnded().hasPassed("Published");
    }

    @Test
    void changesRequestedInEveryRoundEndNotViable() {
        steps.tiers.add("MEDIUM");
        ProcessInstance pi = trigger("email");
        runJobs();
        for (int round = 1; round <= 3; round++) {
            complete(taskQuery().processDefinitionKey("tiered-review").singleResult(),
                    withVariables("marketingDecision", "requestChanges", "marketingComment", "again " + round));
            runJobs();
        }

        assertThat(pi).isEnded().hasPassed("NotViableAfterReview");
        assertThat(steps.endStatus).isEqualTo("NOT_VIABLE");
        assertThat(steps.ran.stream().filter("prepareGenerationRound"::equals)).hasSize(3);
    }

    @Test
    void blockedVariantsAreRegeneratedAndNeverSeenByAReviewer() {
        steps.tiers.addAll(List.of("BLOCKED", "LOW"));
        ProcessInstance pi = trigger("email");
        runJobs();
        dispatchAll();

        assertThat(pi).isEnded().hasPassed("RoundsLeftAfterBlock", "AutoApprove", "Published").hasNotPassed("ReviewCampaign");
        assertThat(steps.ran.stream().filter("checkPolicy"::equals)).hasSize(2);
    }

    @Test
    void stillBlockedAfterTheLastRoundEndsNotViable() {
        steps.tiers.addAll(List.of("BLOCKED", "BLOCKED", "BLOCKED"));
        ProcessInstance pi = trigger("email");
        runJobs();

        assertThat(pi).isEnded().hasPassed("NotViableBlocked");
        assertThat(steps.endStatus).isEqualTo("NOT_VIABLE");
    }

    @Test
    void overdueReviewIsEscalatedAndStaysOpen() {
        steps.tiers.add("MEDIUM");
        ProcessInstance pi = trigger("email");
        runJobs();
        ProcessInstance review = calledProcessInstance("tiered-review", pi);
        Job slaTimer = engine.getManagementService().createJobQuery().processInstanceId(review.getId()).timers().singleResult();
        assertThat(slaTimer).isNotNull();

        engine.getManagementService().executeJob(slaTimer.getId());

        assertThat(review).hasPassed("EscalateMarketing", "MarketingEscalated").isWaitingAt("MarketingReview");
        assertThat(steps.ran).contains("escalateOverdueReview");
    }

    @Test
    void staleApprovalIsWithdrawnInsteadOfPublished() {
        steps.tiers.add("LOW");
        steps.stillValid = false;
        ProcessInstance pi = trigger("email");
        runJobs();

        assertThat(pi).isEnded().hasPassed("WithdrawnStale").hasNotPassed("PublishChannels");
        assertThat(steps.endStatus).isEqualTo("WITHDRAWN");
    }

    @Test
    void failingToRecordDeliveriesBecomesAnIncidentAfterRetries() {
        steps.tiers.add("LOW");
        steps.failingChannel = "sms";
        ProcessInstance pi = trigger("email,sms");
        runJobs();

        ProcessInstance publishing = calledProcessInstance("channel-publishing", pi);
        // the retry cycle waits between attempts; run the failing job until its retries are used up
        for (int attempt = 0; attempt < 5; attempt++) {
            engine.getManagementService().createJobQuery().processInstanceId(publishing.getId()).withRetriesLeft().list()
                    .forEach(job -> {
                        try {
                            engine.getManagementService().executeJob(job.getId());
                        } catch (RuntimeException expected) {
                            // still failing
                        }
                    });
        }

        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(publishing.getId()).singleResult())
                .extracting(Incident::getActivityId).isEqualTo("RecordDeliveries");
        assertThat(pi).isNotEnded();
        assertThat(steps.ran.stream().filter("record:sms"::equals).count()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aChannelThatCannotBeDispatchedBecomesAnIncidentWhenItsRetriesAreSpent() {
        steps.tiers.add("LOW");
        ProcessInstance pi = trigger("email");
        runJobs();
        ProcessInstance publishing = calledProcessInstance("channel-publishing", pi);
        ExternalTaskService externalTasks = engine.getExternalTaskService();

        // the dispatcher reports the relay down: retries are counted down, then the engine raises an incident
        for (int retriesLeft = 2; retriesLeft >= 0; retriesLeft--) {
            LockedExternalTask task = externalTasks.fetchAndLock(1, "test-dispatcher").topic("channel-dispatch", 60_000)
                    .execute().getFirst();
            externalTasks.handleFailure(task.getId(), "test-dispatcher", "email could not be sent, the deliveries wait "
                    + "for a retry: MailConnectException: Couldn't connect to host", "details", retriesLeft, 0);
        }

        Incident incident = engine.getRuntimeService().createIncidentQuery().processInstanceId(publishing.getId()).singleResult();
        assertThat(incident.getActivityId()).isEqualTo("DispatchDeliveries");
        assertThat(incident.getIncidentType()).isEqualTo("failedExternalTask");
        assertThat(incident.getIncidentMessage()).contains("MailConnectException");
        assertThat(externalTasks.fetchAndLock(1, "test-dispatcher").topic("channel-dispatch", 60_000).execute()).isEmpty();
        assertThat(publishing).isWaitingAt("DispatchDeliveries");

        // an operator retries it in Cockpit once the relay is back; the dispatcher finishes and the campaign publishes
        externalTasks.setRetries(incident.getConfiguration(), 1);
        dispatchAll();
        assertThat(pi).isEnded().hasPassed("Published");
    }

    @Test
    void unreachableKnowledgeBecomesAnIncidentAndNothingIsGenerated() {
        steps.knowledgeDown = true;
        ProcessInstance pi = trigger("email,sms");
        for (int attempt = 0; attempt < 20
                && engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).count() == 0; attempt++) {
            engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).withRetriesLeft().list()
                    .forEach(job -> {
                        try {
                            engine.getManagementService().executeJob(job.getId());
                        } catch (RuntimeException expected) {
                            // Elasticsearch still down
                        }
                    });
        }

        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).singleResult())
                .extracting(i -> i.getActivityId()).isEqualTo("RetrieveGrounding");
        assertThat(pi).isNotEnded().isWaitingAt("RetrieveGrounding");
        assertThat(steps.ran.stream().filter("retrieveGrounding"::equals).count()).isEqualTo(3);
        assertThat(steps.ran).noneMatch(step -> step.startsWith("generate"));
    }

    @Test
    void withdrawalEndsARunningCampaign() {
        steps.tiers.add("MEDIUM");
        ProcessInstance pi = trigger("email");
        runJobs();
        runtimeService().createMessageCorrelation("CampaignWithdrawn").processInstanceId(pi.getId())
                .setVariable("withdrawReason", "supplier recall").correlate();

        assertThat(pi).isEnded().hasPassed("RecordWithdrawal", "WithdrawnOnRequest");
        assertThat(steps.endStatus).isEqualTo("WITHDRAWN");
        assertThat(processInstanceQuery().processDefinitionKey("tiered-review").count()).isZero();
    }

    @Test
    void aManagersBriefStartsTheSameLifecycle() {
        steps.tiers.add("LOW");
        ProcessInstance pi = runtimeService().startProcessInstanceByKey("campaign-lifecycle",
                Map.of("title", "Weekend BBQ", "skus", "HP-OUT-001", "region", "north", "channelEmail", true));
        assertThat(pi).hasPassed("BriefSubmitted", "RegisterCampaign").isWaitingAt("EnrichBrief");
        runJobs();
        dispatchAll();
        assertThat(pi).isEnded().hasPassed("Published");
    }

    @Test
    void measurementRunsWhenTheWindowCloses() {
        ProcessInstance measurement = runtimeService().startProcessInstanceByKey("campaign-measurement", "c-1",
                Map.of("campaignId", "c-1", "measurementWindowEndsAt", "2030-01-01T00:00:00Z"));
        assertThat(measurement).isWaitingAt("WindowCloses");
        Job window = engine.getManagementService().createJobQuery().processInstanceId(measurement.getId()).timers().singleResult();
        assertThat(window.getDuedate()).isEqualTo(java.time.Instant.parse("2030-01-01T00:00:00Z"));

        engine.getManagementService().executeJob(window.getId());
        runJobs();

        assertThat(measurement).isEnded().hasPassed("MeasureLift", "Measured");
    }

    private ProcessInstance trigger(String channels) {
        return runtimeService().createMessageCorrelation("CampaignTriggered").processInstanceBusinessKey("c-1")
                .setVariables(Map.of("campaignId", "c-1", "channels", channels)).correlateStartMessage();
    }

    /** Does the dispatcher's part: completes every channel waiting to be dispatched, then runs what follows. */
    private void dispatchAll() {
        ExternalTaskService externalTasks = engine.getExternalTaskService();
        for (LockedExternalTask task : externalTasks.fetchAndLock(10, "test-dispatcher").topic("channel-dispatch", 60_000)
                .variables("campaignId", "channel").execute()) {
            assertThat(task.getVariables()).containsKeys("campaignId", "channel");
            steps.ran.add("dispatch:" + task.getVariables().get("channel"));
            externalTasks.complete(task.getId(), "test-dispatcher");
        }
        runJobs();
    }

    /** Runs due jobs until none is left (failing jobs until their retries are used up). */
    private void runJobs() {
        for (int i = 0; i < 200; i++) {
            List<Job> due = engine.getManagementService().createJobQuery().executable().list();
            if (due.isEmpty()) {
                return;
            }
            for (Job job : due) {
                try {
                    engine.getManagementService().executeJob(job.getId());
                } catch (RuntimeException expectedForFailingSteps) {
                    // the retry cycle decrements retries; the loop executes it again until it becomes an incident
                }
            }
        }
        throw new AssertionError("jobs still due after 200 rounds");
    }
}
