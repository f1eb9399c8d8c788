package io.campaignpilot.policy;

import java.util.List;

/**
 * A statement copy may make about a product: an approved claim from the claims library (source = its document id),
 * or a sentence of the product's catalog description (source = "catalog:SKU"). Copy must use it word for word.
 */
public record ApprovedClaim(String source, int version, String text, List<String> categories) {

    public boolean allows(String category) {
        return categories.contains("all") || categories.contains(category);
    }

    /** Whether the claim appears in the sentence, ignoring case, spacing and a final full stop. */
    public boolean foundIn(String sentence) {
        String claim = VariantFact.normalise(text).replaceAll("[.!]+$", "");
        return !claim.isEmpty() && VariantFact.normalise(sentence).contains(claim);
    }

    public String cite() {
        return version > 0 ? source + " v" + version : source;
    }
}
