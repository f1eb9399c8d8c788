package io.campaignpilot.process;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.ExternalTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Rings when this node has created an external task and committed it, so the in-app workers take it at once rather
 * than at their next poll: what the job executor's hint is to jobs. Tasks created on other nodes are found by polling.
 * An engine plugin (with no dependencies, as it helps build the engine): a parse listener gives every external
 * service task a start listener that rings after the transaction commits, for the task's topic: only that topic's
 * workers ask the engine, not every topic's at every task anywhere.
 */
@Component
public class ExternalTaskBell extends AbstractProcessEnginePlugin {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition rung = lock.newCondition();
    /** Rung for a topic the model computes (an expression): every topic asks. */
    static final String ANY_TOPIC = "*";

    private final Set<String> rungFor = new HashSet<>();

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        var listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener>()
                : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof ExternalTaskActivityBehavior) {
                    String topic = element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "topic");
                    String rings = topic == null || topic.contains("{") ? ANY_TOPIC : topic;
                    activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) execution ->
                            Context.getCommandContext().getTransactionContext()
                                    .addTransactionListener(TransactionState.COMMITTED, committed -> ring(rings)));
                }
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    void ring(String topic) {
        lock.lock();
        try {
            rungFor.add(topic);
            rung.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the bell rings or the time is up; the topics it rang for since the last wait ({@link #ANY_TOPIC}
     * among them: every topic), none when the time is up.
     */
    Set<String> await(long nanos) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while (rungFor.isEmpty() && left > 0) {
                left = rung.awaitNanos(left);
            }
            Set<String> rang = Set.copyOf(rungFor);
            rungFor.clear();
            return rang;
        } finally {
            lock.unlock();
        }
    }
}
