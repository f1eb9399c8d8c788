package io.campaignpilot.generation;

import java.util.List;

/** A generator's variant with every call it took to get there, for the audit trail. */
public record Generation(ChannelVariant variant, List<CallRecord> calls) {
}
