package io.campaignpilot.audience;

/**
 * How a campaign's audience was chosen, for its evidence: {@code EXPECTED_VALUE} (a propensity model's version and
 * holdout AUC, and the floor) or {@code RULE} (segment, consent, cap and holdout alone, with why no model was used),
 * and how many of its treatment customers went to a running campaign with a higher expected value.
 */
public record AudienceTargeting(String targeting, String basis, Long propensityModelVersion, Double propensityModelAuc,
                                Double expectedValueFloor, int arbitratedAway) {
}
