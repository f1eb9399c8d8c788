package io.campaignpilot.engine;

/**
 * The one place for the names the BPMN models, forms, delegates, capabilities and tests share: process keys, messages,
 * external-task topics and process variables. ProcessNamesTest checks them against the models and forms.
 */
public final class ProcessNames {
    public static final String LIFECYCLE = "campaign-lifecycle";
    public static final String CAMPAIGN_ID = "campaignId";
    public static final String EDITED_COPY = "editedCopy";
    /** The channel-publishing model's external task for sending, worked by DispatchDeliveries. */
    public static final String CHANNEL_DISPATCH_TOPIC = "channel-dispatch";
    /** The lifecycle's "Retrieve grounding", worked by RetrieveGrounding. */
    public static final String GROUNDING_TOPIC = "grounding-retrieval";
    /** The variant-generation model's "Write variants for channel", worked by GenerateChannelVariant. */
    public static final String COPY_TOPIC = "copy-generation";
    public static final String CHANNEL = "channel";
    public static final String GENERATION_ROUND = "generationRound";
    public static final String SOURCES_COUNT = "sourcesCount";

    private ProcessNames() {
    }
}
