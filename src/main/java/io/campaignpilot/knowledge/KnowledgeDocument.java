package io.campaignpilot.knowledge;

import java.time.LocalDate;
import java.util.List;

/**
 * A versioned knowledge document. {@code regions} and {@code categories} hold "all" when the document
 * applies everywhere. Only APPROVED documents inside their effective window are ever retrieved.
 */
public record KnowledgeDocument(String id, KnowledgeType type, String title, String text, int version,
                                String status, String brand, List<String> regions, List<String> categories,
                                String locale, LocalDate effectiveFrom, LocalDate effectiveTo, String owner) {
}
