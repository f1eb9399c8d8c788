package io.campaignpilot.policy;

import java.util.List;

/** A rule set that does not compile; each error reads "file:line: message". */
public class RuleSetException extends RuntimeException {
    private final List<String> errors;

    public RuleSetException(List<String> errors) {
        super("rules do not compile:\n  " + String.join("\n  ", errors));
        this.errors = errors;
    }

    public List<String> errors() {
        return errors;
    }
}
