package io.campaignpilot.process;

import io.campaignpilot.engine.ProcessNames;
import io.campaignpilot.measurement.MeasurementService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;

/** Opens the measurement window and starts the measurement process, which waits for it to close. */
@Component("scheduleMeasurement")
public class ScheduleMeasurement implements JavaDelegate {
    private final MeasurementService measurement;

    public ScheduleMeasurement(MeasurementService measurement) {
        this.measurement = measurement;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String id = Vars.campaignId(execution);
        Instant end = measurement.schedule(id);
        execution.getProcessEngineServices().getRuntimeService().startProcessInstanceByKey(ProcessNames.MEASUREMENT, id,
                Map.of(ProcessNames.CAMPAIGN_ID, id, ProcessNames.MEASUREMENT_WINDOW_ENDS_AT, end.toString()));
    }
}
