package io.campaignpilot.load;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load run's yardstick (a no-op process of the LOW campaign's shape) keeps the product's transaction boundaries:
 * when a step of the product gains or loses its own transaction, the yardstick must follow, or the ratio of the two
 * rates stops meaning what the report says.
 */
class NoopShapeTest {

    @Test
    void theYardstickStartsATransactionWhereTheProductDoes() {
        BpmnModelInstance noop = model("load/noop-campaign.bpmn");
        assertThat(boundaries(noop, "noop-campaign")).as("campaign")
                .isEqualTo(boundaries(model("processes/campaign-lifecycle.bpmn"), "campaign-lifecycle"));
        assertThat(boundaries(noop, "noop-generation")).as("generation")
                .isEqualTo(boundaries(model("processes/variant-generation.bpmn"), "variant-generation"));
        assertThat(boundaries(noop, "noop-publishing")).as("publishing")
                .isEqualTo(boundaries(model("processes/channel-publishing.bpmn"), "channel-publishing"));
    }

    /**
     * The steps of a process that begin a transaction of their own: an asynchronous continuation, or an external task
     * (its fetch and completion; the yardstick does that as one job). Event subprocesses (withdrawal) are left out.
     */
    private static Set<String> boundaries(BpmnModelInstance model, String processId) {
        Process process = model.getModelElementById(processId);
        assertThat(process).as(processId).isNotNull();
        Set<String> boundaries = new TreeSet<>();
        for (FlowNode node : process.getChildElementsByType(FlowNode.class)) {
            collect(node, boundaries);
        }
        return boundaries;
    }

    private static void collect(FlowNode node, Set<String> boundaries) {
        if (node instanceof SubProcess sub) {
            if (sub.triggeredByEvent()) {
                return;
            }
            for (FlowNode inner : sub.getChildElementsByType(FlowNode.class)) {
                collect(inner, boundaries);
            }
        }
        boolean external = node instanceof ServiceTask task && "external".equals(task.getCamundaType());
        if (node.isCamundaAsyncBefore() || external) {
            boundaries.add(node.getId());
        }
    }

    private static BpmnModelInstance model(String resource) {
        InputStream in = NoopShapeTest.class.getClassLoader().getResourceAsStream(resource);
        assertThat(in).as(resource).isNotNull();
        return Bpmn.readModelFromStream(in);
    }
}
