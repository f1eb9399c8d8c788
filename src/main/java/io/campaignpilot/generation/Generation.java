package io.campaignpilot.generation;

/** A generator's answer, with what the audit trail needs: the prompt it sent and what came back. */
public record Generation(ChannelVariant variant, String prompt, String rawResponse, Integer promptTokens,
                         Integer completionTokens) {
}
