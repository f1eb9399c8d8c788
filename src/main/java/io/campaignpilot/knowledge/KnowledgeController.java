package io.campaignpilot.knowledge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpilot.security.ApiUser;
import io.campaignpilot.trigger.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The knowledge base for editors and auditors: add a document (JSON, Markdown with a metadata header, or plain
 * text with metadata as query parameters), list, read every version, delete, search as retrieval does, reindex.
 */
@RestController
@RequestMapping("/api/knowledge")
class KnowledgeController {
    private final KnowledgeIngestion ingestion;
    private final KnowledgeStore store;
    private final KnowledgeRetriever retriever;
    private final KnowledgeProperties properties;
    private final ObjectMapper json;

    KnowledgeController(KnowledgeIngestion ingestion, KnowledgeStore store, KnowledgeRetriever retriever,
                        KnowledgeProperties properties, ObjectMapper json) {
        this.ingestion = ingestion;
        this.store = store;
        this.retriever = retriever;
        this.properties = properties;
        this.json = json;
    }

    @PostMapping(value = "/documents", consumes = {MediaType.APPLICATION_JSON_VALUE, "text/markdown", MediaType.TEXT_PLAIN_VALUE})
    ResponseEntity<Object> add(@RequestHeader("Content-Type") String contentType, @RequestBody(required = false) String body,
                               @RequestParam Map<String, String> metadata) {
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("body", "is empty");
        }
        // room for the metadata around a document of the largest allowed size
        if (body.length() > properties.maxDocumentChars() + 20_000) {
            throw new InvalidInputException("body", "has " + body.length() + " characters, more than the limit of "
                    + properties.maxDocumentChars());
        }
        List<KnowledgeDocument> docs = parse(MediaType.parseMediaType(contentType), body, metadata);
        docs.forEach(ingestion::validate);
        List<KnowledgeIngestion.Outcome> outcomes = new ArrayList<>();
        for (KnowledgeDocument doc : docs) {
            outcomes.add(ingestion.submit(doc, ApiUser.current()));
        }
        boolean created = outcomes.stream().anyMatch(o -> o.result() != KnowledgeIngestion.Result.UNCHANGED);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .body(outcomes.size() == 1 ? outcomes.getFirst() : outcomes);
    }

    @GetMapping("/documents")
    List<Map<String, Object>> list(@RequestParam(required = false) KnowledgeType type) {
        return store.allCurrent().stream().filter(v -> type == null || v.document().type() == type)
                .map(KnowledgeController::summary).toList();
    }

    @GetMapping("/documents/{id}")
    Map<String, Object> versions(@PathVariable String id) {
        List<KnowledgeStore.StoredVersion> versions = store.versions(id);
        if (versions.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no knowledge document " + id);
        }
        return Map.of("id", id, "versions", versions);
    }

    @DeleteMapping("/documents/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        ingestion.delete(id, ApiUser.current());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/search")
    List<GroundingSource> search(@RequestParam String q, @RequestParam(required = false) KnowledgeType type,
                                 @RequestParam(required = false) String region, @RequestParam(required = false) String category,
                                 @RequestParam(defaultValue = "5") int k) {
        if (q.isBlank()) {
            throw new InvalidInputException("q", "is empty");
        }
        if (k < 1 || k > 50) {
            throw new InvalidInputException("k", "must be between 1 and 50");
        }
        return retriever.search(q, type, region, category, k);
    }

    @PostMapping("/reindex")
    Map<String, Object> reindex() {
        String index = ingestion.rebuildIndex();
        return Map.of("index", index, "alias", properties.alias(), "documents", store.allCurrent().size());
    }

    private List<KnowledgeDocument> parse(MediaType type, String body, Map<String, String> metadata) {
        if (MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
            JsonNode node;
            try {
                node = json.readTree(body);
            } catch (JsonProcessingException e) {
                throw new InvalidInputException("body", "is not valid JSON: " + e.getOriginalMessage()
                        + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
            }
            return KnowledgeFormats.fromJson("body", node);
        }
        if ("markdown".equals(type.getSubtype())) {
            return List.of(KnowledgeFormats.fromMarkdown("body", body));
        }
        return List.of(KnowledgeFormats.fromMetadata("", metadata::get, body));
    }

    private static Map<String, Object> summary(KnowledgeStore.StoredVersion v) {
        KnowledgeDocument d = v.document();
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("id", d.id());
        m.put("type", d.type());
        m.put("title", d.title());
        m.put("version", d.version());
        m.put("status", d.status());
        m.put("owner", d.owner());
        m.put("regions", d.regions());
        m.put("categories", d.categories());
        m.put("locale", d.locale());
        m.put("effectiveFrom", d.effectiveFrom());
        m.put("effectiveTo", d.effectiveTo());
        m.put("chunks", v.chunks());
        m.put("ingestedBy", v.ingestedBy());
        m.put("ingestedAt", v.ingestedAt());
        return m;
    }
}
