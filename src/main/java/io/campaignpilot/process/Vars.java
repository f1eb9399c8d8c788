package io.campaignpilot.process;

import io.campaignpilot.engine.ProcessNames;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Typed reads of the small process variables the delegates share. */
final class Vars {
    private Vars() {
    }

    static String campaignId(VariableScope scope) {
        Object id = scope.getVariable(ProcessNames.CAMPAIGN_ID);
        if (id == null) {
            throw new IllegalStateException("process variable " + ProcessNames.CAMPAIGN_ID + " is missing");
        }
        return id.toString();
    }

    static int integer(VariableScope scope, String name, int fallback) {
        Object value = scope.getVariable(name);
        return value instanceof Number n ? n.intValue() : value == null ? fallback : Integer.parseInt(value.toString());
    }

    static String string(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null ? null : value.toString();
    }
}
