package io.campaignpilot.policy;

/**
 * One channel's audience: treatment customers, those who consent to the channel, those of them held back by the
 * frequency cap, and the eligible rest.
 */
public record AudienceFact(String channel, int treatment, int consented, int frequencyCapped, int eligible) {
}
