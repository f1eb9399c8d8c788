package io.campaignpilot.policy;

/** Treatment customers who consent to a channel. */
public record AudienceFact(String channel, int eligible) {
}
