package io.campaignpilot.overview;

import io.campaignpilot.campaign.CampaignStatus;
import io.campaignpilot.engine.CampaignEngine;
import io.campaignpilot.personaldata.Addresses;
import io.campaignpilot.publishing.ChannelProgress;

import java.time.Instant;
import java.util.List;

/** A campaign's publishing, channel by channel: what the deliveries say and what the engine's dispatch step says. */
public record DispatchView(String campaignId, CampaignStatus status, List<ChannelDispatch> channels) {

    public record ChannelDispatch(ChannelProgress deliveries, Step dispatch) {
    }

    /**
     * The channel's "Dispatch deliveries" step in the engine.
     *
     * @param state WAITING (for a dispatcher), WORKING (locked by {@code worker} until {@code until}), RETRYING (failed,
     *              {@code retriesLeft} left, next try not before {@code until}), INCIDENT (no retries left: a process
     *              owner retries it in Cockpit) or NONE (not started, or finished)
     */
    public record Step(String state, String worker, Instant until, Integer retriesLeft, String failure) {
        static final Step NONE = new Step("NONE", null, null, null, null);

        static Step of(CampaignEngine.DispatchStep step) {
            String failure = step.failure() == null ? null : Addresses.maskAll(step.failure());
            Instant until = step.lockedUntil();
            boolean locked = until != null && until.isAfter(Instant.now());
            String state = step.retriesLeft() != null && step.retriesLeft() == 0 ? "INCIDENT"
                    : failure != null ? "RETRYING" : locked ? "WORKING" : "WAITING";
            return new Step(state, locked ? step.workerId() : null, locked ? until : null, step.retriesLeft(), failure);
        }
    }
}
