package io.campaignpilot.policy;

/**
 * What a rule found: a stable code, its severity, a sentence for the reviewer, the rule that fired,
 * the channel concerned (or null for the whole campaign) and the evidence (the values compared).
 */
public record Finding(String code, Severity severity, String message, String rule, String channel, String evidence) {
}
