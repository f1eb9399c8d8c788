package io.campaignpilot.generation;

import java.util.List;

/** The model gave no usable copy; the calls it took are kept for the audit, and the fallback takes over. */
public class GenerationFailed extends RuntimeException {
    private final List<CallRecord> calls;

    public GenerationFailed(String reason, List<CallRecord> calls) {
        super(reason);
        this.calls = List.copyOf(calls);
    }

    public List<CallRecord> calls() {
        return calls;
    }
}
