package io.campaignpilot.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpilot.catalog.Catalog;
import io.campaignpilot.catalog.Product;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * At start-up: makes sure the index exists, imports the knowledge folder (Markdown with a small header,
 * claims as JSON) and derives a PRODUCT_FACT document per catalog product. Only newer versions are written.
 */
@Component
@Order(10)
public class KnowledgeCorpus implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(KnowledgeCorpus.class);

    private final KnowledgeIndex index;
    private final Catalog catalog;
    private final KnowledgeProperties properties;
    private final ObjectMapper json;

    public KnowledgeCorpus(KnowledgeIndex index, Catalog catalog, KnowledgeProperties properties, ObjectMapper json) {
        this.index = index;
        this.catalog = catalog;
        this.properties = properties;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) {
        index.ensureIndex();
        if (!properties.loadDemoCorpus()) {
            return;
        }
        List<KnowledgeDocument> docs = new ArrayList<>(folder("classpath*:knowledge/corpus/*"));
        catalog.all().forEach(p -> docs.add(productFact(p)));
        int written = 0;
        for (KnowledgeDocument doc : docs) {
            if (index.indexedVersion(doc.id()) != doc.version()) {
                written += index.index(doc);
            }
        }
        log.info("knowledge corpus: {} documents, {} chunks written", docs.size(), written);
    }

    /** A product's facts as the ERP states them; re-derived at every start so prices and stock stay current. */
    public static KnowledgeDocument productFact(Product p) {
        String text = p.name() + " (SKU " + p.sku() + ", " + p.category() + "): " + p.description()
                + " Regular price £" + p.price() + "." + (p.regulated() ? " Regulated category." : "");
        return new KnowledgeDocument("product-" + p.sku(), KnowledgeType.PRODUCT_FACT, p.name(), text,
                Math.abs(text.hashCode() % 1_000_000) + 1, "APPROVED", p.brand(), List.of("all"), List.of(p.category()),
                "en-GB", null, null, "catalog");
    }

    List<KnowledgeDocument> folder(String pattern) {
        List<KnowledgeDocument> docs = new ArrayList<>();
        try {
            for (Resource r : new PathMatchingResourcePatternResolver().getResources(pattern)) {
                String name = r.getFilename();
                String content = r.getContentAsString(StandardCharsets.UTF_8);
                if (name == null) {
                    continue;
                }
                if (name.endsWith(".md")) {
                    docs.add(parseMarkdown(name, content));
                } else if (name.endsWith(".json")) {
                    docs.addAll(parseClaims(name, content));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    /** Markdown with a header block between "---" lines: id, type, title, version, status, regions, categories... */
    static KnowledgeDocument parseMarkdown(String file, String content) {
        String[] parts = content.split("(?m)^---\\s*$", 3);
        if (parts.length < 3) {
            throw new IllegalArgumentException(file + ": missing the '---' header block");
        }
        Map<String, String> meta = new HashMap<>();
        for (String line : parts[1].strip().split("\\R")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                meta.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        for (String key : List.of("id", "type", "title", "version", "status")) {
            if (!meta.containsKey(key)) {
                throw new IllegalArgumentException(file + ": header is missing '" + key + "'");
            }
        }
        return new KnowledgeDocument(meta.get("id"), KnowledgeType.valueOf(meta.get("type")), meta.get("title"),
                parts[2].strip(), Integer.parseInt(meta.get("version")), meta.get("status"),
                meta.getOrDefault("brand", "Harbor & Pine"), list(meta.getOrDefault("regions", "all")),
                list(meta.getOrDefault("categories", "all")), meta.getOrDefault("locale", "en-GB"),
                date(meta.get("effectiveFrom")), date(meta.get("effectiveTo")), meta.getOrDefault("owner", "marketing"));
    }

    List<KnowledgeDocument> parseClaims(String file, String content) throws IOException {
        List<KnowledgeDocument> docs = new ArrayList<>();
        for (JsonNode claim : json.readTree(content)) {
            String text = claim.path("text").asText() + "\n\nEvidence: " + claim.path("evidence").asText();
            List<String> categories = new ArrayList<>();
            claim.path("categories").forEach(c -> categories.add(c.asText()));
            docs.add(new KnowledgeDocument(claim.path("id").asText(), KnowledgeType.CLAIM, claim.path("title").asText(),
                    text, claim.path("version").asInt(1), claim.path("status").asText("APPROVED"), "Harbor & Pine",
                    List.of("all"), categories, "en-GB", null, null, claim.path("owner").asText("legal")));
        }
        return docs;
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static LocalDate date(String value) {
        return value == null || value.isBlank() ? null : LocalDate.parse(value);
    }
}
