package io.campaignpilot.knowledge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

/**
 * A versioned knowledge document. {@code regions} and {@code categories} hold "all" when the document
 * applies everywhere. Only APPROVED documents inside their effective window are ever retrieved.
 * A version of 0 means "the next version" when ingesting. A claim may name the {@code products} (SKUs) it is about:
 * then it is used only for campaigns promoting one of them; empty, it holds for its whole category.
 */
public record KnowledgeDocument(String id, KnowledgeType type, String title, String text, int version,
                                String status, String brand, List<String> regions, List<String> categories,
                                String locale, LocalDate effectiveFrom, LocalDate effectiveTo, String owner,
                                List<String> products) {

    public static final String APPROVED = "APPROVED";
    public static final String IN_REVIEW = "IN_REVIEW";
    public static final String DRAFT = "DRAFT";
    public static final String RETIRED = "RETIRED";
    /** Set by a legal reviewer's decision, never accepted from an author. */
    public static final String REJECTED = "REJECTED";

    public KnowledgeDocument {
        products = products == null ? List.of() : List.copyOf(products);
    }

    /** Claims and policies are what legal answers for: a version of one is approved by a second legal reviewer. */
    public boolean needsLegalApproval() {
        return type == KnowledgeType.CLAIM || type == KnowledgeType.POLICY;
    }

    public KnowledgeDocument withVersion(int newVersion) {
        return new KnowledgeDocument(id, type, title, text, newVersion, status, brand, regions, categories, locale,
                effectiveFrom, effectiveTo, owner, products);
    }

    public KnowledgeDocument withText(String newText) {
        return new KnowledgeDocument(id, type, title, newText, version, status, brand, regions, categories, locale,
                effectiveFrom, effectiveTo, owner, products);
    }

    public KnowledgeDocument withStatus(String newStatus) {
        return new KnowledgeDocument(id, type, title, text, version, newStatus, brand, regions, categories, locale,
                effectiveFrom, effectiveTo, owner, products);
    }

    /** Identifies the content and every field that decides where it may be used, so a metadata change is a new version. */
    public String contentHash() {
        String canonical = String.join("\u0000", type.name(), title, text, status, brand, String.join(",", regions),
                String.join(",", categories), locale, String.valueOf(effectiveFrom), String.valueOf(effectiveTo), owner)
                // only when named, so the documents stored before claims could name products keep their hash
                + (products.isEmpty() ? "" : "\u0000" + String.join(",", products));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
