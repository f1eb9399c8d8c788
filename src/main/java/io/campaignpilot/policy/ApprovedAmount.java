package io.campaignpilot.policy;

/** A money amount an approved source of the campaign states (a delivery threshold, say), in pence. */
public record ApprovedAmount(int pence, String source) {
}
