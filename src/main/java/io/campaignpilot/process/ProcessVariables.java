package io.campaignpilot.process;

/** Names the BPMN models and the delegates share: process keys, topics and the variables the governance code reads. */
final class ProcessVariables {
    static final String LIFECYCLE = "campaign-lifecycle";
    static final String CAMPAIGN_ID = "campaignId";
    static final String EDITED_COPY = "editedCopy";
    /** The channel-publishing model's external task for sending, worked by {@link ChannelDispatchWorker}. */
    static final String CHANNEL_DISPATCH_TOPIC = "channel-dispatch";
    static final String CHANNEL = "channel";

    private ProcessVariables() {
    }
}
