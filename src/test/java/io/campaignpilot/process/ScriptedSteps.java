package io.campaignpilot.process;

import io.campaignpilot.engine.ProcessNames;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.test.mock.Mocks;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Stand-ins for the delegate beans and the in-app workers' topics in BPMN path tests: each step records that it ran and
 * sets the variables the real one would, with outcomes scripted per test (tier per round, stale approval, failing
 * channel, search or model or relay down).
 */
public class ScriptedSteps {
    final List<String> ran = new ArrayList<>();
    final Deque<String> tiers = new ArrayDeque<>();
    String lastTier = "LOW";
    boolean stillValid = true;
    String failingChannel;
    /** The learning the scripted measurement drafts; null: the measurement gave no verdict. */
    String learningToDraft;
    boolean knowledgeDown;
    String copyFailsFor;
    boolean relayDown;
    String endStatus;

    /** "Retrieve grounding": what the real worker completes the task with. */
    TopicWork grounding() {
        return new Scripted(ProcessNames.GROUNDING_TOPIC, List.of(ProcessNames.CAMPAIGN_ID), task -> {
            ran.add("retrieveGrounding");
            if (knowledgeDown) {
                throw new IllegalStateException("knowledge search failed: Elasticsearch at http://127.0.0.1:9200 did not "
                        + "answer (ConnectException: Connection refused)");
            }
            return TopicWork.Outcome.done(Map.of(ProcessNames.SOURCES_COUNT, 7), () -> ran.add("sources stored"));
        });
    }

    /** "Write variants for channel", one task per channel. */
    TopicWork copyWriter() {
        return new Scripted(ProcessNames.COPY_TOPIC, List.of(ProcessNames.CAMPAIGN_ID,
                ProcessNames.GENERATION_ROUND, ProcessNames.CHANNEL), task -> {
            String channel = task.string(ProcessNames.CHANNEL);
            ran.add("generate:" + channel);
            if (channel.equals(copyFailsFor)) {
                throw new IllegalStateException("campaign c-1 has no products or no grounding sources");
            }
            return TopicWork.Outcome.done();
        });
    }

    /** "Dispatch deliveries", one task per channel. */
    TopicWork dispatcher() {
        return new Scripted(ProcessNames.CHANNEL_DISPATCH_TOPIC, List.of(ProcessNames.CAMPAIGN_ID,
                ProcessNames.CHANNEL), task -> {
            String channel = task.string(ProcessNames.CHANNEL);
            ran.add("dispatch:" + channel);
            if (relayDown) {
                throw new IllegalStateException(channel + " could not be sent, the deliveries wait for a retry: "
                        + "MailConnectException: Couldn't connect to host");
            }
            return TopicWork.Outcome.done();
        });
    }

    /** Any topic, worked by the given script. */
    TopicWork scripted(String topic, List<String> variables, Function<TopicWork.Task, TopicWork.Outcome> script) {
        return new Scripted(topic, variables, script);
    }

    /** A topic worked by a script: one thread, retries as configured for real, no wait between them. */
    private record Scripted(String topic, List<String> variables, Function<TopicWork.Task, TopicWork.Outcome> script)
            implements TopicWork {
        @Override
        public WorkerSettings settings() {
            return new WorkerSettings(1, Duration.ofMinutes(1), Duration.ZERO, 3, Duration.ZERO);
        }

        @Override
        public Outcome work(Task task, Lease lease) {
            return script.apply(task);
        }
    }

    void register() {
        Mocks.reset();
        step("registerCampaign", e -> {
            if (e.getVariable(ProcessNames.CAMPAIGN_ID) == null) {
                e.setVariable(ProcessNames.CAMPAIGN_ID, "brief-campaign");
            }
            e.setVariable(ProcessNames.CHANNELS,
                    e.hasVariable(ProcessNames.CHANNELS) ? e.getVariable(ProcessNames.CHANNELS) : "email,sms");
            e.setVariable(ProcessNames.MAX_GENERATION_ROUNDS, 3);
            e.setVariable(ProcessNames.GENERATION_ROUND, 0);
        });
        step("enrichBrief", e -> { });
        step("selectAudience", e -> { });
        step("prepareGenerationRound", e -> e.setVariable(ProcessNames.GENERATION_ROUND,
                Vars.integer(e, ProcessNames.GENERATION_ROUND, 0) + 1));
        step("checkPolicy", e -> {
            lastTier = tiers.isEmpty() ? lastTier : tiers.poll();
            e.setVariable(ProcessNames.RISK_TIER, lastTier);
            e.setVariable(ProcessNames.APPROVED_CHANNELS, e.getVariable(ProcessNames.CHANNELS));
        });
        step("autoApprove", e -> { });
        step("prepareReviewEvidence", e -> {
            e.setVariable(ProcessNames.REVIEW_SLA, "PT24H");
            e.setVariable(ProcessNames.REVIEW_DUE_AT, java.time.Instant.now().plusSeconds(86400).toString());
        });
        step("escalateOverdueReview", e -> { });
        step("recheckBeforePublish", e -> {
            e.setVariable(ProcessNames.PRE_PUBLISH_VALID, stillValid);
            e.setVariable(ProcessNames.PRE_PUBLISH_REASON, stillValid ? "" : "stock fell under the threshold");
        });
        step("recordDeliveries", e -> {
            ran.add("record:" + e.getVariable(ProcessNames.CHANNEL));
            if (e.getVariable(ProcessNames.CHANNEL).equals(failingChannel)) {
                throw new IllegalStateException("the delivery table is locked");
            }
        });
        step("scheduleMeasurement", e -> e.getProcessEngineServices().getRuntimeService()
                .startProcessInstanceByKey(ProcessNames.MEASUREMENT, String.valueOf(e.getVariable(ProcessNames.CAMPAIGN_ID)),
                        java.util.Map.of(ProcessNames.CAMPAIGN_ID, e.getVariable(ProcessNames.CAMPAIGN_ID),
                                ProcessNames.MEASUREMENT_WINDOW_ENDS_AT,
                                java.time.Instant.now().plusSeconds(14 * 86400).toString())));
        step("measureLiftAndMargin", e -> { });
        step("draftCampaignLearning", e -> {
            e.setVariable(ProcessNames.LEARNING_DRAFTED, learningToDraft != null);
            if (learningToDraft != null) {
                e.setVariable(ProcessNames.CAMPAIGN_TITLE, "Winter coats");
                e.setVariable(ProcessNames.LEARNING_TEXT, learningToDraft);
            }
        });
        step("setLearningAside", e -> { });
        Mocks.register("learningDecisionRecorder", (TaskListener) task ->
                task.getExecution().setVariable(ProcessNames.LEARNING_DECIDED_BY, "leo"));
        step("recordWithdrawal", e -> { });
        Mocks.register("reviewDecisionRecorder", (TaskListener) task -> {
            boolean legal = ProcessNames.LEGAL_REVIEW_TASK.equals(task.getTaskDefinitionKey());
            Object decision = task.getVariable(legal ? ProcessNames.LEGAL_DECISION : ProcessNames.MARKETING_DECISION);
            Object comment = task.getVariable(legal ? ProcessNames.LEGAL_COMMENT : ProcessNames.MARKETING_COMMENT);
            ran.add("decided:" + task.getTaskDefinitionKey() + ":" + decision);
            task.getExecution().setVariable(ProcessNames.REVIEW_COMMENT, String.valueOf(comment));
        });
        Mocks.register("labelReviewTask", new io.campaignpilot.process.LabelReviewTask(campaignId -> java.util.Map.of()));
        Mocks.register("channelPlan", new ChannelPlan());
        Mocks.register("campaignLifecycle", this);
        Mocks.register("reviewRoute", new ScriptedRoute());
    }

    /** The gateways read the tier the (scripted) policy check stored, as the real ReviewRoute reads it from our tables. */
    public class ScriptedRoute {
        public String tier(DelegateExecution execution) {
            return lastTier;
        }

        public boolean legalReviewRequired(DelegateExecution execution) {
            return "HIGH".equals(lastTier);
        }

        /** The scripted reviews leave their outcome where the real route finds the recorded decisions. */
        public String outcome(DelegateExecution execution) {
            return String.valueOf(execution.getVariable(ProcessNames.REVIEW_OUTCOME));
        }
    }

    /** Called by the end events' listeners. */
    public void ended(DelegateExecution execution, String status) {
        endStatus = status;
    }

    private void step(String name, JavaDelegate behaviour) {
        Mocks.register(name, (JavaDelegate) execution -> {
            ran.add(name);
            behaviour.execute(execution);
        });
    }
}
