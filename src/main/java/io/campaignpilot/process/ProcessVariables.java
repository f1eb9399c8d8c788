package io.campaignpilot.process;

/** Names the BPMN models and the delegates share: process keys, topics and the variables the governance code reads. */
final class ProcessVariables {
    static final String LIFECYCLE = "campaign-lifecycle";
    static final String CAMPAIGN_ID = "campaignId";
    static final String EDITED_COPY = "editedCopy";
    /** The channel-publishing model's external task for sending, worked by {@link DispatchDeliveries}. */
    static final String CHANNEL_DISPATCH_TOPIC = "channel-dispatch";
    /** The lifecycle's "Retrieve grounding", worked by {@link RetrieveGrounding}. */
    static final String GROUNDING_TOPIC = "grounding-retrieval";
    /** The variant-generation model's "Write variants for channel", worked by {@link GenerateChannelVariant}. */
    static final String COPY_TOPIC = "copy-generation";
    static final String CHANNEL = "channel";
    static final String GENERATION_ROUND = "generationRound";
    static final String SOURCES_COUNT = "sourcesCount";

    private ProcessVariables() {
    }
}
