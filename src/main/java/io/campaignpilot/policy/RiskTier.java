package io.campaignpilot.policy;

/** Declared in increasing order of caution; a campaign's tier is the highest any rule raised. */
public enum RiskTier {
    LOW, MEDIUM, HIGH, BLOCKED
}
