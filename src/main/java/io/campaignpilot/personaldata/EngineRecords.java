package io.campaignpilot.personaldata;

import io.campaignpilot.engine.CampaignEngine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Removes a customer's personal values from what the process engine keeps: variables, incidents, failed jobs and
 * their stack traces, external-task errors and the user operation log. Running variables are changed through the
 * engine's API, so the change is itself recorded. Camunda has no API that edits history, incidents or job logs
 * (only whole historic process instances can be deleted, which would take the campaign's audit with them), so those
 * text columns are rewritten in SQL, in the same transaction as the rest of the erasure. Serialized object variables
 * are not searched: CampaignPilot's variables are primitives and short strings.
 */
@Component
class EngineRecords {
    private final CampaignEngine engine;
    private final JdbcClient jdbc;

    EngineRecords(CampaignEngine engine, JdbcClient jdbc) {
        this.engine = engine;
        this.jdbc = jdbc;
    }

    /** How many engine records of each kind held one of the values. */
    Map<String, Integer> erase(TextScrubber scrubber, List<String> values) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (values.isEmpty()) {
            return counts;
        }
        String p = engine.tablePrefix();
        counts.put("runningVariables", runningVariables(p, scrubber, values));
        counts.put("historicVariables", scrubber.scrub(p + "ACT_HI_VARINST", "TEXT_", "TEXT2_")
                + scrubber.scrub(p + "ACT_HI_DETAIL", "TEXT_", "TEXT2_"));
        counts.put("incidents", scrubber.scrub(p + "ACT_RU_INCIDENT", "INCIDENT_MSG_")
                + scrubber.scrub(p + "ACT_HI_INCIDENT", "INCIDENT_MSG_"));
        counts.put("jobFailures", scrubber.scrub(p + "ACT_RU_JOB", "EXCEPTION_MSG_")
                + scrubber.scrub(p + "ACT_HI_JOB_LOG", "JOB_EXCEPTION_MSG_")
                + scrubber.scrub(p + "ACT_RU_EXT_TASK", "ERROR_MSG_")
                + scrubber.scrub(p + "ACT_HI_EXT_TASK_LOG", "ERROR_MSG_"));
        // stack traces and error details are few (failures only) and stored as bytes, so they are read and compared here
        counts.put("stackTraces", scrubber.scrubBytes("select ID_, BYTES_ from " + p + "ACT_GE_BYTEARRAY where ID_ in ("
                        + "select EXCEPTION_STACK_ID_ from " + p + "ACT_RU_JOB union "
                        + "select JOB_EXCEPTION_STACK_ID_ from " + p + "ACT_HI_JOB_LOG union "
                        + "select ERROR_DETAILS_ID_ from " + p + "ACT_RU_EXT_TASK union "
                        + "select ERROR_DETAILS_ID_ from " + p + "ACT_HI_EXT_TASK_LOG)",
                "update " + p + "ACT_GE_BYTEARRAY set BYTES_ = ? where ID_ = ?"));
        counts.put("operationLog", scrubber.scrub(p + "ACT_HI_OP_LOG", "ORG_VALUE_", "NEW_VALUE_"));
        return counts;
    }

    private int runningVariables(String p, TextScrubber scrubber, List<String> values) {
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            where.append(i == 0 ? "" : " or ").append("TEXT_ like ? escape '!'");
        }
        record Variable(String executionId, String taskId, String name, String text) {
        }
        List<Variable> found = jdbc.sql("select EXECUTION_ID_, TASK_ID_, NAME_, TEXT_ from " + p + "ACT_RU_VARIABLE"
                        + " where TYPE_ = 'string' and (" + where + ")")
                .params(values.stream().map(TextScrubber::like).toList())
                .query((rs, i) -> new Variable(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
        int changed = 0;
        for (Variable v : found) {
            if (engine.overwriteVariable(v.taskId(), v.executionId(), v.name(), scrubber.replaceAll(v.text()))) {
                changed++;
            }
        }
        return changed;
    }
}
