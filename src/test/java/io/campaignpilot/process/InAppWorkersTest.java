package io.campaignpilot.process;

import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.transaction.support.TransactionOperations;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** How the in-app workers take tasks: a backlog keeps every thread busy without waiting for the next poll. */
class InAppWorkersTest {
    private static final String TOPIC = "backlog-work";

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder()
            .configurationResource("process-tests.camunda.cfg.xml").build();

    private InAppWorkers workers;
    private String deployment;

    @AfterEach
    void stopWorkers() {
        if (workers != null) {
            workers.stop();
        }
        if (deployment != null) {
            engine.getRepositoryService().deleteDeployment(deployment, true);
        }
    }

    /**
     * Tasks created elsewhere (another node: no bell here) and more of them than threads: each is taken as a thread
     * frees up. The poll interval is an hour, so a worker that waited for it would leave all but the first waiting.
     */
    @Test
    void aBacklogIsTakenAsThreadsFreeUpNotAtTheNextPoll() throws InterruptedException {
        deployment = engine.getRepositoryService().createDeployment()
                .addModelInstance("backlog.bpmn", Bpmn.createExecutableProcess("backlog").camundaHistoryTimeToLive(1)
                        .startEvent().serviceTask("Work").camundaExternalTask(TOPIC).endEvent().done())
                .deploy().getId();
        for (int i = 0; i < 6; i++) {
            engine.getRuntimeService().startProcessInstanceByKey("backlog");
        }
        AtomicInteger worked = new AtomicInteger();
        TopicWork work = new TopicWork() {
            @Override
            public String topic() {
                return TOPIC;
            }

            @Override
            public List<String> variables() {
                return List.of();
            }

            @Override
            public WorkerSettings settings() {
                return new WorkerSettings(2, Duration.ofMinutes(1), Duration.ofHours(1), 1, Duration.ofSeconds(1));
            }

            @Override
            public Outcome work(Task task, Lease lease) {
                try {
                    Thread.sleep(200); // a model call: both threads are busy when the poller looks again
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                worked.incrementAndGet();
                return Outcome.done();
            }
        };
        workers = new InAppWorkers(engine.getExternalTaskService(), TransactionOperations.withoutTransaction(),
                List.of(work), new ExternalTaskBell());

        workers.start();

        long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (engine.getExternalTaskService().createExternalTaskQuery().topicName(TOPIC).count() > 0
                && System.nanoTime() < giveUp) {
            Thread.sleep(50);
        }
        assertThat(engine.getExternalTaskService().createExternalTaskQuery().topicName(TOPIC).count())
                .as("tasks still waiting").isZero();
        assertThat(worked).hasValue(6);
    }
}
