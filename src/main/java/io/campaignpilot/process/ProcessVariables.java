package io.campaignpilot.process;

/** Names the BPMN models and the delegates share: process keys and the variables the governance code reads. */
final class ProcessVariables {
    static final String LIFECYCLE = "campaign-lifecycle";
    static final String CAMPAIGN_ID = "campaignId";
    static final String EDITED_COPY = "editedCopy";

    private ProcessVariables() {
    }
}
