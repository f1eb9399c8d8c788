package io.campaignpilot.policy;

import java.util.List;

/**
 * A statement copy may make about a product: an approved claim from the claims library (source = its document id),
 * or a sentence of the product's catalog description (source = "catalog:SKU"). Copy must use it word for word, and
 * only for the {@code products} (SKUs) it is about; a claim naming none holds for its whole category.
 */
public record ApprovedClaim(String source, int version, String text, List<String> categories, List<String> products) {
    private static final java.util.regex.Pattern SENTENCE_END = java.util.regex.Pattern.compile("(?<=[.!?])\\s+|\\n+");

    public ApprovedClaim {
        products = products == null ? List.of() : List.copyOf(products);
    }

    /** A claim for its whole category (or categories). */
    public ApprovedClaim(String source, int version, String text, List<String> categories) {
        this(source, version, text, categories, List.of());
    }

    /**
     * Each sentence of an approved text as a statement of its own: copy splits and reorders sentences, so a claim
     * of two sentences ("98 % natural origin. Dermatologically tested.") must match sentence by sentence.
     */
    public static List<ApprovedClaim> sentencesOf(String source, int version, String text, List<String> categories,
                                                  List<String> products) {
        return SENTENCE_END.splitAsStream(text).map(String::strip).filter(s -> !s.isEmpty())
                .map(sentence -> new ApprovedClaim(source, version, sentence, categories, products)).toList();
    }

    public static List<ApprovedClaim> sentencesOf(String source, int version, String text, List<String> categories) {
        return sentencesOf(source, version, text, categories, List.of());
    }

    /** Whether the claim may be made in its category, whatever the product (used by rules written before products). */
    public boolean allows(String category) {
        return categories.contains("all") || categories.contains(category);
    }

    /** Whether the claim may be made about this product: its category, and the product itself when it names any. */
    public boolean allows(String category, String sku) {
        return allows(category) && (products.isEmpty() || products.contains(sku));
    }

    /** Whether the claim is about particular products rather than a whole category. */
    public boolean namesProducts() {
        return !products.isEmpty();
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
