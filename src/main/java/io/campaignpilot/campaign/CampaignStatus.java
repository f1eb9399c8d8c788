package io.campaignpilot.campaign;

/** Where a campaign stands. The last four are the named terminal states of the lifecycle. */
public enum CampaignStatus {
    RUNNING, PUBLISHED, REJECTED, NOT_VIABLE, WITHDRAWN;

    public boolean terminal() {
        return this != RUNNING;
    }
}
