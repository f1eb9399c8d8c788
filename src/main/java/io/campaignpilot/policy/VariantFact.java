package io.campaignpilot.policy;

/** One variant's copy, with the lengths channel limits care about and which generator wrote it. */
public record VariantFact(String channel, int variantNo, String text, int smsLength, int subjectLength,
                          String generator) {
}
