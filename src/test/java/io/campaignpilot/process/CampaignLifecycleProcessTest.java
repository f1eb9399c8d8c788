package io.campaignpilot.process;

import io.campaignpilot.engine.ProcessNames;
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
import org.springframework.transaction.support.TransactionOperations;

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
        "forms/brief-start.form", "forms/marketing-review.form", "forms/legal-review.form", "forms/learning-review.form"})
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

        runSteps();

        // deliveries are recorded per channel, then the process waits for the dispatcher on each channel
        ProcessInstance publishing = calledProcessInstance(ProcessNames.CHANNEL_PUBLISHING, pi);
        assertThat(publishing).isWaitingAt("DispatchDeliveries");
        assertThat(engine.getExternalTaskService().createExternalTaskQuery().processInstanceId(publishing.getId())
                .topicName(ProcessNames.CHANNEL_DISPATCH_TOPIC).count()).isEqualTo(2);
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
        assertThat(processInstanceQuery().processDefinitionKey(ProcessNames.MEASUREMENT).singleResult()).isNotNull();
    }

    @Test
    void mediumRiskNeedsOnlyMarketingApproval() {
        steps.tiers.add("MEDIUM");
        ProcessInstance pi = trigger("email");
        runSteps();

        ProcessInstance review = calledProcessInstance(ProcessNames.TIERED_REVIEW, pi);
        assertThat(review).isWaitingAt(ProcessNames.MARKETING_REVIEW_TASK);
        assertThat(task(review)).hasCandidateGroup("marketing-managers").hasDueDate(task(review).getDueDate());
        complete(task(review), withVariables(ProcessNames.MARKETING_DECISION, "approve", ProcessNames.MARKETING_COMMENT, "fine"));
        runSteps();
        dispatchAll();

        assertThat(review).isEnded().hasPassed("ApprovedByMarketing").hasNotPassed(ProcessNames.LEGAL_REVIEW_TASK);
        assertThat(pi).isEnded().hasPassed("Published");
    }

    @Test
    void highRiskNeedsMarketingThenLegal() {
        steps.tiers.add("HIGH");
        ProcessInstance pi = trigger("email");
        runSteps();
        ProcessInstance review = calledProcessInstance(ProcessNames.TIERED_REVIEW, pi);

        complete(task(review), withVariables(ProcessNames.MARKETING_DECISION, "approve"));
        assertThat(review).isWaitingAt(ProcessNames.LEGAL_REVIEW_TASK);
        assertThat(task(review)).hasCandidateGroup("legal-reviewers");
        complete(task(review), withVariables(ProcessNames.LEGAL_DECISION, "approve"));
        runSteps();
        dispatchAll();

        assertThat(pi).isEnded().hasPassed("Published");
        assertThat(steps.ran).contains("decided:MarketingReview:approve", "decided:LegalReview:approve");
    }

    @Test
    void legalRejectionEndsTheCampaignRejected() {
        steps.tiers.add("HIGH");
        ProcessInstance pi = trigger("email");
        runSteps();
        ProcessInstance review = calledProcessInstance(ProcessNames.TIERED_REVIEW, pi);
        complete(task(review), withVariables(ProcessNames.MARKETING_DECISION, "approve"));
        complete(task(review), withVariables(ProcessNames.LEGAL_DECISION, "reject",
                ProcessNames.LEGAL_COMMENT, "health claim not allowed"));

        assertThat(pi).isEnded().hasPassed("Rejected").hasNotPassed("PublishChannels");
        assertThat(steps.endStatus).isEqualTo("REJECTED");
    }

    @Test
    void marketingRejectionEndsTheCampaignRejected() {
        steps.tiers.add("MEDIUM");
        ProcessInstance pi = trigger("email");
        runSteps();
        complete(task(calledProcessInstance(ProcessNames.TIERED_REVIEW, pi)),
                withVariables(ProcessNames.MARKETING_DECISION, "reject", ProcessNames.MARKETING_COMMENT, "off brand"));

        assertThat(pi).isEnded().hasPassed("Rejected");
    }

    @Test
    void requestedChangesLoopBackToGenerationWithTheComment() {
        steps.tiers.add("MEDIUM");
        ProcessInstance pi = trigger("email");
        runSteps();
        complete(task(calledProcessInstance(ProcessNames.TIERED_REVIEW, pi)),
                withVariables(ProcessNames.MARKETING_DECISION, "requestChanges",
                        ProcessNames.MARKETING_COMMENT, "mention the 24 hours"));
        runSteps();

        assertThat(pi).hasPassed("RoundsLeftAfterChanges", "Regenerate");
        assertThat(runtimeService().getVariable(pi.getId(), ProcessNames.GENERATION_ROUND)).isEqualTo(2);
        assertThat(runtimeService().getVariable(pi.getId(), ProcessNames.REVIEW_COMMENT)).isEqualTo("mention the 24 hours");
        Task secondReview = taskQuery().processDefinitionKey(ProcessNames.TIERED_REVIEW).singleResult();
        complete(secondReview, withVariables(ProcessNames.MARKETING_DECISION, "approve"));
        runSteps();
        dispatchAll();

        assertThat(pi).isEnded().hasPassed("Published");
    }

    @Test
    void changesRequestedInEveryRoundEndNotViable() {
        steps.tiers.add("MEDIUM");
        ProcessInstance pi = trigger("email");
        runSteps();
        for (int round = 1; round <= 3; round++) {
            complete(taskQuery().processDefinitionKey(ProcessNames.TIERED_REVIEW).singleResult(),
                    withVariables(ProcessNames.MARKETING_DECISION, "requestChanges",
                            ProcessNames.MARKETING_COMMENT, "again " + round));
            runSteps();
        }

        assertThat(pi).isEnded().hasPassed("NotViableAfterReview");
        assertThat(steps.endStatus).isEqualTo("NOT_VIABLE");
        assertThat(steps.ran.stream().filter("prepareGenerationRound"::equals)).hasSize(3);
    }

    @Test
    void blockedVariantsAreRegeneratedAndNeverSeenByAReviewer() {
        steps.tiers.addAll(List.of("BLOCKED", "LOW"));
        ProcessInstance pi = trigger("email");
        runSteps();
        dispatchAll();

        assertThat(pi).isEnded().hasPassed("RoundsLeftAfterBlock", "AutoApprove", "Published").hasNotPassed("ReviewCampaign");
        assertThat(steps.ran.stream().filter("checkPolicy"::equals)).hasSize(2);
    }

    @Test
    void stillBlockedAfterTheLastRoundEndsNotViable() {
        steps.tiers.addAll(List.of("BLOCKED", "BLOCKED", "BLOCKED"));
        ProcessInstance pi = trigger("email");
        runSteps();

        assertThat(pi).isEnded().hasPassed("NotViableBlocked");
        assertThat(steps.endStatus).isEqualTo("NOT_VIABLE");
    }

    @Test
    void overdueReviewIsEscalatedAndStaysOpen() {
        steps.tiers.add("MEDIUM");
        ProcessInstance pi = trigger("email");
        runSteps();
        ProcessInstance review = calledProcessInstance(ProcessNames.TIERED_REVIEW, pi);
        Job slaTimer = engine.getManagementService().createJobQuery().processInstanceId(review.getId()).timers().singleResult();
        assertThat(slaTimer).isNotNull();

        engine.getManagementService().executeJob(slaTimer.getId());

        assertThat(review).hasPassed("EscalateMarketing", "MarketingEscalated").isWaitingAt(ProcessNames.MARKETING_REVIEW_TASK);
        assertThat(steps.ran).contains("escalateOverdueReview");
    }

    @Test
    void staleApprovalIsWithdrawnInsteadOfPublished() {
        steps.tiers.add("LOW");
        steps.stillValid = false;
        ProcessInstance pi = trigger("email");
        runSteps();

        assertThat(pi).isEnded().hasPassed("WithdrawnStale").hasNotPassed("PublishChannels");
        assertThat(steps.endStatus).isEqualTo("WITHDRAWN");
    }

    @Test
    void failingToRecordDeliveriesBecomesAnIncidentAfterRetries() {
        steps.tiers.add("LOW");
        steps.failingChannel = "sms";
        ProcessInstance pi = trigger("email,sms");
        runSteps();

        ProcessInstance publishing = calledProcessInstance(ProcessNames.CHANNEL_PUBLISHING, pi);
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

        Incident incident = incidentOf(publishing);
        assertThat(incident.getActivityId()).isEqualTo("RecordDeliveries");
        // Cockpit shows the step by its name, and the campaign's own instance says the same
        assertThat(incident.getIncidentMessage()).startsWith("Record deliveries: ");
        assertThat(incidentOf(pi).getIncidentMessage()).isEqualTo("Publish to channels: " + incident.getIncidentMessage());
        assertThat(pi).isNotEnded();
        assertThat(steps.ran.stream().filter("record:sms"::equals).count()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aChannelThatCannotBeDispatchedBecomesAnIncidentWhenItsRetriesAreSpent() {
        steps.tiers.add("LOW");
        steps.relayDown = true;
        ProcessInstance pi = trigger("email");
        runSteps();
        ProcessInstance publishing = calledProcessInstance(ProcessNames.CHANNEL_PUBLISHING, pi);

        // the dispatcher reports the relay down: retries are counted down, then the engine raises an incident
        dispatchAll();

        Incident incident = incidentOf(publishing);
        assertThat(incident.getActivityId()).isEqualTo("DispatchDeliveries");
        assertThat(incident.getIncidentType()).isEqualTo("failedExternalTask");
        assertThat(incident.getIncidentMessage()).startsWith("Dispatch deliveries: ")
                .contains("MailConnectException");
        assertThat(incidentOf(pi).getIncidentMessage()).isEqualTo("Publish to channels: " + incident.getIncidentMessage());
        assertThat(steps.ran.stream().filter("dispatch:email"::equals)).hasSize(3);
        assertThat(publishing).isWaitingAt("DispatchDeliveries");

        // an operator retries it in Cockpit once the relay is back; the dispatcher finishes and the campaign publishes
        steps.relayDown = false;
        engine.getExternalTaskService().setRetries(incident.getConfiguration(), 1);
        dispatchAll();
        assertThat(pi).isEnded().hasPassed("Published");
    }

    @Test
    void theCampaignWaitsForTheGroundingWorkerAndThenForTheCopyWriterOfEachChannel() {
        steps.tiers.add("LOW");
        ProcessInstance pi = trigger("email,sms");
        runJobs();

        // no job searches the knowledge base: the campaign waits for the grounding worker
        assertThat(pi).isWaitingAt("RetrieveGrounding").externalTask().hasTopicName(ProcessNames.GROUNDING_TOPIC);
        assertThat(steps.ran).doesNotContain("retrieveGrounding");
        assertThat(runJobs()).isFalse();

        assertThat(worker(steps.grounding()).takeOne()).isTrue();

        assertThat(pi).hasPassed("RetrieveGrounding").variables().containsEntry(ProcessNames.SOURCES_COUNT, 7);
        assertThat(steps.ran).containsSubsequence("retrieveGrounding", "sources stored");
        // each channel's copy waits for a copy writer of its own
        ProcessInstance generation = calledProcessInstance(ProcessNames.VARIANT_GENERATION, pi);
        assertThat(generation).isWaitingAt("GenerateChannelVariant");
        assertThat(engine.getExternalTaskService().createExternalTaskQuery().processInstanceId(generation.getId())
                .topicName(ProcessNames.COPY_TOPIC).activityId("GenerateChannelVariant").count()).isEqualTo(2);
        assertThat(steps.ran).noneMatch(step -> step.startsWith("generate"));

        InAppWorker copy = worker(steps.copyWriter());
        assertThat(copy.takeOne()).isTrue();
        assertThat(copy.takeOne()).isTrue();
        assertThat(copy.takeOne()).isFalse();
        runSteps();
        dispatchAll();

        assertThat(steps.ran).contains("generate:email", "generate:sms");
        assertThat(generation).isEnded().hasPassed("ChannelCopyWritten", "VariantsGenerated");
        assertThat(pi).isEnded().hasPassed("CheckPolicy", "Published");
    }

    @Test
    void unreachableKnowledgeBecomesAnIncidentAndTheCampaignGoesOnWhenRetried() {
        steps.tiers.add("LOW");
        steps.knowledgeDown = true;
        ProcessInstance pi = trigger("email,sms");
        runSteps();

        Incident incident = incidentOf(pi);
        assertThat(incident.getActivityId()).isEqualTo("RetrieveGrounding");
        assertThat(incident.getIncidentType()).isEqualTo("failedExternalTask");
        assertThat(incident.getIncidentMessage()).contains("Elasticsearch at http://127.0.0.1:9200 did not answer");
        assertThat(pi).isNotEnded().isWaitingAt("RetrieveGrounding");
        assertThat(steps.ran.stream().filter("retrieveGrounding"::equals).count()).isEqualTo(3);
        assertThat(steps.ran).noneMatch(step -> step.startsWith("generate"));

        // Elasticsearch is back; a process owner retries the step in Cockpit
        steps.knowledgeDown = false;
        engine.getExternalTaskService().setRetries(incident.getConfiguration(), 1);
        runSteps();
        dispatchAll();

        assertThat(incidentOf(pi)).isNull();
        assertThat(pi).isEnded().hasPassed("RetrieveGrounding", "GenerateVariants", "Published");
        assertThat(steps.ran).contains("generate:email", "generate:sms");
    }

    @Test
    void copyThatCannotBeWrittenBecomesAnIncidentOnItsChannelAlone() {
        steps.tiers.add("LOW");
        steps.copyFailsFor = "sms";
        ProcessInstance pi = trigger("email,sms");
        runSteps();

        ProcessInstance generation = calledProcessInstance(ProcessNames.VARIANT_GENERATION, pi);
        Incident incident = incidentOf(generation);
        assertThat(incident.getActivityId()).isEqualTo("GenerateChannelVariant");
        assertThat(incident.getIncidentMessage()).startsWith("Write variants for channel: ")
                .contains("no grounding sources");
        assertThat(incidentOf(pi).getIncidentMessage())
                .isEqualTo("Generate channel variants: " + incident.getIncidentMessage());
        assertThat(steps.ran.stream().filter("generate:email"::equals)).hasSize(1);
        assertThat(steps.ran.stream().filter("generate:sms"::equals)).hasSize(3);
        assertThat(pi).isNotEnded().hasNotPassed("CheckPolicy");

        steps.copyFailsFor = null;
        engine.getExternalTaskService().setRetries(incident.getConfiguration(), 1);
        runSteps();
        dispatchAll();

        assertThat(pi).isEnded().hasPassed("Published");
        assertThat(steps.ran.stream().filter("generate:email"::equals)).as("the written channel is not written again")
                .hasSize(1);
    }

    @Test
    void withdrawalEndsARunningCampaign() {
        steps.tiers.add("MEDIUM");
        ProcessInstance pi = trigger("email");
        runSteps();
        runtimeService().createMessageCorrelation(ProcessNames.CAMPAIGN_WITHDRAWN).processInstanceId(pi.getId())
                .setVariable(ProcessNames.WITHDRAW_REASON, "supplier recall").correlate();

        assertThat(pi).isEnded().hasPassed("RecordWithdrawal", "WithdrawnOnRequest");
        assertThat(steps.endStatus).isEqualTo("WITHDRAWN");
        assertThat(processInstanceQuery().processDefinitionKey(ProcessNames.TIERED_REVIEW).count()).isZero();
    }

    @Test
    void aManagersBriefStartsTheSameLifecycle() {
        steps.tiers.add("LOW");
        ProcessInstance pi = runtimeService().startProcessInstanceByKey(ProcessNames.LIFECYCLE,
                Map.of(ProcessNames.TITLE, "Weekend BBQ", ProcessNames.SKUS, "HP-OUT-001", ProcessNames.REGION, "north",
                        ProcessNames.CHANNEL_EMAIL, true));
        assertThat(pi).hasPassed("BriefSubmitted", "RegisterCampaign").isWaitingAt("EnrichBrief");
        runSteps();
        dispatchAll();
        assertThat(pi).isEnded().hasPassed("Published");
    }

    @Test
    void measurementRunsWhenTheWindowCloses() {
        ProcessInstance measurement = runtimeService().startProcessInstanceByKey(ProcessNames.MEASUREMENT, "c-1",
                Map.of(ProcessNames.CAMPAIGN_ID, "c-1", ProcessNames.MEASUREMENT_WINDOW_ENDS_AT, "2030-01-01T00:00:00Z"));
        assertThat(measurement).isWaitingAt("WindowCloses");
        Job window = engine.getManagementService().createJobQuery().processInstanceId(measurement.getId()).timers().singleResult();
        assertThat(window.getDuedate()).isEqualTo(java.time.Instant.parse("2030-01-01T00:00:00Z"));

        engine.getManagementService().executeJob(window.getId());
        runSteps();

        assertThat(measurement).isEnded().hasPassed("MeasureLift", "DraftLearning", "Measured")
                .hasNotPassed("LearningReview");
    }

    @Test
    void aMarketingLeadApprovesTheLearningAndItIsPutIntoUse() {
        ProcessInstance measurement = measuredWithALearning();
        assertThat(measurement).isWaitingAt("LearningReview").task().hasCandidateGroup("marketing-leads")
                .hasName("Approve learning — Winter coats");

        complete(task(measurement), withVariables(ProcessNames.LEARNING_DECISION, "approve",
                ProcessNames.LEARNING_TEXT, "Shorter: the discount paid for itself."));

        assertThat(measurement).isWaitingAt("PublishLearning").externalTask()
                .hasTopicName(ProcessNames.LEARNING_PUBLICATION_TOPIC);
        InAppWorker publisher = worker(steps.scripted(ProcessNames.LEARNING_PUBLICATION_TOPIC, List.of(
                ProcessNames.LEARNING_TEXT, ProcessNames.LEARNING_DECIDED_BY), t -> {
            steps.ran.add("published:" + t.string(ProcessNames.LEARNING_TEXT) + " by " + t.string(ProcessNames.LEARNING_DECIDED_BY));
            return TopicWork.Outcome.done();
        }));
        assertThat(publisher.takeOne()).isTrue();
        assertThat(measurement).isEnded().hasPassed("LearningReview", "PublishLearning", "LearningInUse");
        assertThat(steps.ran).contains("published:Shorter: the discount paid for itself. by leo");
    }

    @Test
    void aRejectedLearningIsSetAsideAndNeverPutIntoUse() {
        ProcessInstance measurement = measuredWithALearning();
        complete(task(measurement), withVariables(ProcessNames.LEARNING_DECISION, "reject",
                ProcessNames.LEARNING_COMMENT, "A one-off: the competitor was out of stock that week"));
        assertThat(measurement).isEnded().hasPassed("SetLearningAside", "LearningSetAside").hasNotPassed("PublishLearning");
    }

    private ProcessInstance measuredWithALearning() {
        steps.learningToDraft = "Overstock campaign \"Winter coats\" ... Take-away: it paid for itself.";
        ProcessInstance measurement = runtimeService().startProcessInstanceByKey(ProcessNames.MEASUREMENT, "c-1",
                Map.of(ProcessNames.CAMPAIGN_ID, "c-1", ProcessNames.MEASUREMENT_WINDOW_ENDS_AT, "2020-01-01T00:00:00Z"));
        runSteps();
        return measurement;
    }

    private ProcessInstance trigger(String channels) {
        return runtimeService().createMessageCorrelation(ProcessNames.CAMPAIGN_TRIGGERED).processInstanceBusinessKey("c-1")
                .setVariables(Map.of(ProcessNames.CAMPAIGN_ID, "c-1", ProcessNames.CHANNELS, channels)).correlateStartMessage();
    }

    /** The application's in-app worker mechanism, working a scripted topic; each engine command is its own transaction. */
    private InAppWorker worker(TopicWork work) {
        return new InAppWorker(engine.getExternalTaskService(), TransactionOperations.withoutTransaction(), work, () -> true);
    }

    /** Does the dispatcher's part for every channel waiting to be dispatched (until done or an incident), then what follows. */
    private void dispatchAll() {
        InAppWorker dispatcher = worker(steps.dispatcher());
        for (int i = 0; i < 50 && dispatcher.takeOne(); i++) {
            // one channel at a time
        }
        runSteps();
    }

    /**
     * Runs due jobs, and lets the grounding and copy workers take their tasks, until the process waits for a person,
     * the dispatcher or a timer, or an incident (failing steps are retried until their retries are used up).
     */
    private void runSteps() {
        InAppWorker grounding = worker(steps.grounding());
        InAppWorker copy = worker(steps.copyWriter());
        for (int i = 0; i < 200; i++) {
            boolean ranJobs = runJobs();
            boolean worked = grounding.takeOne() | copy.takeOne();
            if (!ranJobs && !worked) {
                return;
            }
        }
        throw new AssertionError("still busy after 200 rounds");
    }

    /** Runs due jobs until none is left (failing jobs until their retries are used up); true when any ran. */
    private boolean runJobs() {
        boolean ran = false;
        for (int i = 0; i < 200; i++) {
            List<Job> due = engine.getManagementService().createJobQuery().executable().list();
            if (due.isEmpty()) {
                return ran;
            }
            ran = true;
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

    private Incident incidentOf(ProcessInstance pi) {
        return engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).singleResult();
    }
}
