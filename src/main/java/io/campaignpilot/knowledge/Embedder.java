package io.campaignpilot.knowledge;

import java.util.List;

/** Turns text into vectors for semantic retrieval. The model name and dimension are recorded with the index. */
public interface Embedder {
    String model();

    int dimensions();

    List<float[]> embed(List<String> texts);

    default float[] embed(String text) {
        return embed(List.of(text)).getFirst();
    }
}
