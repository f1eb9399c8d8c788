package io.campaignpilot.policy;

/** How serious a finding is: BLOCK stops the campaign, REVIEW_* route it to a reviewer, INFO is a note. */
public enum Severity {
    BLOCK, REVIEW_LEGAL, REVIEW_MARKETING, INFO
}
