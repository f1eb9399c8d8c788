package io.campaignpilot.trigger;

/** Business events that start a campaign; BRIEF is a manager's brief from Tasklist. */
public enum TriggerType {
    OVERSTOCK, SEASONAL_LAUNCH, LOYALTY_MILESTONE, CONVERSION_DROP, BACK_IN_STOCK, BRIEF
}
