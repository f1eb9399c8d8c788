package io.campaignpilot.process;

import io.campaignpilot.engine.ProcessNames;
import io.campaignpilot.measurement.Measurement;
import io.campaignpilot.measurement.MeasurementService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The measurement window has closed: the result is computed and its headline figures shown in Cockpit. */
@Component("measureLiftAndMargin")
public class MeasureLiftAndMargin implements JavaDelegate {
    private final MeasurementService measurement;

    public MeasureLiftAndMargin(MeasurementService measurement) {
        this.measurement = measurement;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Measurement m = measurement.measure(Vars.campaignId(execution));
        execution.setVariable(ProcessNames.INCREMENTAL_LIFT, m.incrementalLift());
        execution.setVariable(ProcessNames.CONTRIBUTION_MARGIN,
                m.contributionMargin() == null ? null : m.contributionMargin().doubleValue());
        execution.setVariable(ProcessNames.MEASUREMENT_VERDICT, m.confidence() == null ? null : m.confidence().verdict());
    }
}
