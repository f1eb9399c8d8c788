package io.campaignpilot.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignpilot.web.FieldError;
import io.campaignpilot.web.InvalidInputException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads knowledge documents from the formats editors write: Markdown or plain text with a metadata header between
 * "---" lines, metadata as key/value pairs (query parameters with a plain-text body), and JSON (one document, or
 * claims with their evidence). Every problem is reported as a field error, prefixed with the source's name.
 */
public final class KnowledgeFormats {
    /** Separates a claim from its evidence in a CLAIM document's text. */
    public static final String EVIDENCE_PREFIX = "\n\nEvidence: ";

    public static final String DEFAULT_BRAND = "Harbor & Pine";

    private KnowledgeFormats() {
    }

    /**
     * Markdown or text with a metadata header: id, type, title, status, owner, and optional version, regions...;
     * a claim may name its products as comma-separated SKUs ({@code products: HP-OUT-003}).
     */
    public static KnowledgeDocument fromMarkdown(String source, String content) {
        String[] parts = content.split("(?m)^---\\s*$", 3);
        if (parts.length < 3 || !parts[0].isBlank()) {
            throw new InvalidInputException(source, "must start with a metadata header between '---' lines "
                    + "(id, type, title, status, owner)");
        }
        Map<String, String> meta = new HashMap<>();
        List<FieldError> errors = new ArrayList<>();
        String[] lines = parts[1].strip().split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (line.isBlank()) {
                continue;
            }
            if (colon <= 0) {
                errors.add(new FieldError(source + ":" + (i + 2), "header line is not 'key: value'"));
                continue;
            }
            meta.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return fromMetadata(source, meta::get, parts[2].strip());
    }

    /** A document from metadata looked up by name (header lines, query parameters or JSON fields) and its text. */
    public static KnowledgeDocument fromMetadata(String source, Function<String, String> meta, String text) {
        List<FieldError> errors = new ArrayList<>();
        String prefix = source == null || source.isBlank() ? "" : source + ": ";
        KnowledgeType type = null;
        String typeName = meta.apply("type");
        if (typeName == null || typeName.isBlank()) {
            errors.add(new FieldError(prefix + "type", "is required, one of " + Arrays.toString(KnowledgeType.values())));
        } else {
            try {
                type = KnowledgeType.valueOf(typeName.trim().toUpperCase());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(prefix + "type", "unknown type '" + typeName + "', expected one of "
                        + Arrays.toString(KnowledgeType.values())));
            }
        }
        int version = 0;
        String versionText = meta.apply("version");
        if (versionText != null && !versionText.isBlank()) {
            try {
                version = Integer.parseInt(versionText.trim());
            } catch (NumberFormatException e) {
                errors.add(new FieldError(prefix + "version", "must be a whole number, not '" + versionText + "'"));
            }
        }
        LocalDate from = date(prefix, "effectiveFrom", meta.apply("effectiveFrom"), errors);
        LocalDate to = date(prefix, "effectiveTo", meta.apply("effectiveTo"), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new KnowledgeDocument(trim(meta.apply("id")), type, trim(meta.apply("title")), text == null ? "" : text.strip(),
                version, upper(meta.apply("status")), orDefault(meta.apply("brand"), DEFAULT_BRAND),
                list(orDefault(meta.apply("regions"), "all")), list(orDefault(meta.apply("categories"), "all")),
                orDefault(meta.apply("locale"), "en-GB"), from, to, trim(meta.apply("owner")),
                list(orDefault(meta.apply("products"), "")));
    }

    /**
     * JSON: one document {id, type, title, text, status, owner, ...}, a claim {id, title, text, evidence,
     * categories, products, ...} (type CLAIM may be left out; products is an array of SKUs), or an array of either.
     */
    public static List<KnowledgeDocument> fromJson(String source, JsonNode node) {
        List<KnowledgeDocument> docs = new ArrayList<>();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                docs.add(one(source + "[" + i + "]", node.get(i)));
            }
        } else if (node.isObject()) {
            docs.add(one(source, node));
        } else {
            throw new InvalidInputException(source, "must be a JSON object or an array of objects");
        }
        return docs;
    }

    private static KnowledgeDocument one(String source, JsonNode node) {
        if (!node.isObject()) {
            throw new InvalidInputException(source, "must be a JSON object");
        }
        JsonNode products = node.get("products");
        if (products != null && !products.isNull() && !(products.isArray() && allText(products))) {
            throw new InvalidInputException(source + ": products", "must be an array of SKUs, like [\"HP-OUT-003\"]");
        }
        Function<String, String> meta = name -> {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return "type".equals(name) && node.has("evidence") ? KnowledgeType.CLAIM.name() : null;
            }
            if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(v -> items.add(v.asText()));
                return String.join(",", items);
            }
            return value.asText();
        };
        String text = meta.apply("text");
        if (KnowledgeType.CLAIM.name().equalsIgnoreCase(meta.apply("type"))) {
            String evidence = meta.apply("evidence");
            if (evidence == null || evidence.isBlank()) {
                throw new InvalidInputException(source + ": evidence", "is required for a claim: name the test report, "
                        + "regulation or certificate that backs it");
            }
            text = (text == null ? "" : text.strip()) + EVIDENCE_PREFIX + evidence.strip();
        }
        return fromMetadata(source, meta, text);
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static LocalDate date(String prefix, String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(prefix + field, "must be a date like 2026-12-31, not '" + value + "'"));
            return null;
        }
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }

    private static String upper(String value) {
        return value == null ? null : value.trim().toUpperCase();
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
