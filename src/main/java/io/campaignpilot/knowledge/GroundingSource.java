package io.campaignpilot.knowledge;

import java.util.Collection;
import java.util.List;

/**
 * One retrieved chunk, numbered for citation as [n] in prompts, variants and review forms. {@code products} are the
 * SKUs a claim is about (empty: it holds for its whole category, and every other type has none).
 */
public record GroundingSource(int number, String docId, String chunkId, KnowledgeType type, int version,
                             String title, double score, String text, List<String> products) {

    public GroundingSource {
        products = products == null ? List.of() : List.copyOf(products);
    }

    /** A source about no product in particular. */
    public GroundingSource(int number, String docId, String chunkId, KnowledgeType type, int version,
                           String title, double score, String text) {
        this(number, docId, chunkId, type, version, title, score, text, List.of());
    }

    /** Whether copy promoting these SKUs may use it: a claim about other products is false advertising. */
    public boolean appliesTo(Collection<String> skus) {
        return products.isEmpty() || products.stream().anyMatch(skus::contains);
    }
}
