package io.campaignpilot.process;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.ExternalTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Rings when this node has created an external task and committed it, so the in-app workers take it at once rather
 * than at their next poll: what the job executor's hint is to jobs. Tasks created on other nodes are found by polling.
 * An engine plugin (with no dependencies, as it helps build the engine): a parse listener gives every external
 * service task a start listener that rings after the transaction commits.
 */
@Component
public class ExternalTaskBell extends AbstractProcessEnginePlugin {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition rung = lock.newCondition();
    private boolean ringing;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        var listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener>()
                : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof ExternalTaskActivityBehavior) {
                    activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) execution ->
                            Context.getCommandContext().getTransactionContext()
                                    .addTransactionListener(TransactionState.COMMITTED, committed -> ring()));
                }
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    void ring() {
        lock.lock();
        try {
            ringing = true;
            rung.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the bell rings or the time is up; true when it rang (since the last wait). */
    boolean await(long nanos) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while (!ringing && left > 0) {
                left = rung.awaitNanos(left);
            }
            boolean rang = ringing;
            ringing = false;
            return rang;
        } finally {
            lock.unlock();
        }
    }
}
