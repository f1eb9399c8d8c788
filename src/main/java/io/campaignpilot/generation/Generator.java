package io.campaignpilot.generation;

/** Writes channel copy for one channel of one campaign. */
public interface Generator {
    String name();

    Generation generate(GenerationRequest request);
}
