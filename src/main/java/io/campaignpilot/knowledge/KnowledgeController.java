package io.campaignpilot.knowledge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.security.ApiUser;
import io.campaignpilot.web.InvalidInputException;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The knowledge base for editors and auditors: add a document (JSON, Markdown with a metadata header, or plain
 * text with metadata as query parameters), list, read every version, delete, search as retrieval does, reindex;
 * and for legal reviewers: approve or reject a claim or policy version that waits for them. A change is recorded
 * before search follows it: when Elasticsearch is away the answer is 202 with {@code indexState} FAILED and the
 * reason, the change is retried, and {@code POST /documents/{id}/index} retries it at once.
 */
@RestController
@RequestMapping("/api/knowledge")
class KnowledgeController {
    /** A legal reviewer's decision; the comment is required to reject. */
    record Decision(String comment) {
    }

    private final KnowledgeIngestion ingestion;
    private final KnowledgeApproval approval;
    private final KnowledgeStore store;
    private final KnowledgeRetriever retriever;
    private final KnowledgeProperties properties;
    private final ObjectMapper json;

    KnowledgeController(KnowledgeIngestion ingestion, KnowledgeApproval approval, KnowledgeStore store,
                        KnowledgeRetriever retriever, KnowledgeProperties properties, ObjectMapper json) {
        this.ingestion = ingestion;
        this.approval = approval;
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
        // recorded, but not searchable yet: accepted, with the reason in the body
        boolean waiting = outcomes.stream().anyMatch(KnowledgeIngestion.Outcome::notSearchable);
        return ResponseEntity.status(waiting ? HttpStatus.ACCEPTED : created ? HttpStatus.CREATED : HttpStatus.OK)
                .body(outcomes.size() == 1 ? outcomes.getFirst() : outcomes);
    }

    /** Current versions and those waiting aside; {@code status=IN_REVIEW} is legal's queue. */
    @GetMapping("/documents")
    List<Map<String, Object>> list(@RequestParam(required = false) KnowledgeType type,
                                   @RequestParam(required = false) String status) {
        return Stream.concat(store.allCurrent().stream(), store.allPending().stream())
                .filter(v -> type == null || v.document().type() == type)
                .filter(v -> status == null || status.equalsIgnoreCase(v.document().status()))
                .sorted(Comparator.comparing((KnowledgeStore.StoredVersion v) -> v.document().type())
                        .thenComparing(v -> v.document().id()).thenComparing(v -> v.document().version()))
                .map(KnowledgeController::summary).toList();
    }

    /** Every version, newest first, with the one in search ("serving") and the one waiting for approval. */
    @GetMapping("/documents/{id}")
    Map<String, Object> versions(@PathVariable String id) {
        List<KnowledgeStore.StoredVersion> versions = store.versions(id);
        if (versions.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no knowledge document " + id);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        answer.put("serving", versions.stream().filter(v -> v.state() == KnowledgeStore.State.CURRENT)
                .map(v -> v.document().version()).findFirst().orElse(null));
        answer.put("awaitingApproval", versions.stream().filter(v -> v.state() == KnowledgeStore.State.PENDING
                        && KnowledgeDocument.IN_REVIEW.equals(v.document().status()))
                .map(v -> v.document().version()).findFirst().orElse(null));
        // a change search has not caught up with: which version, and why
        versions.stream().filter(v -> v.indexState() == KnowledgeStore.IndexState.WAITING
                        || v.indexState() == KnowledgeStore.IndexState.FAILED).findFirst()
                .ifPresent(v -> answer.put("awaitingSearch", indexing(v)));
        answer.put("versions", versions);
        return answer;
    }

    /** A legal reviewer who did not submit the version approves it: it replaces the approved version in search. */
    @PostMapping({"/documents/{id}/versions/{version}/approve", "/{id}/versions/{version}/approve"})
    Map<String, Object> approve(@PathVariable String id, @PathVariable int version,
                                @RequestBody(required = false) Decision decision) {
        return summary(approval.approve(id, version, ApiUser.current(), decision == null ? null : decision.comment()));
    }

    /** A legal reviewer refuses the version, saying why; the approved version keeps serving. */
    @PostMapping({"/documents/{id}/versions/{version}/reject", "/{id}/versions/{version}/reject"})
    Map<String, Object> reject(@PathVariable String id, @PathVariable int version,
                               @RequestBody(required = false) Decision decision) {
        return summary(approval.reject(id, version, ApiUser.current(), decision == null ? null : decision.comment()));
    }

    @DeleteMapping("/documents/{id}")
    ResponseEntity<Object> delete(@PathVariable String id) {
        approval.checkMayDelete(id, ApiUser.current());
        KnowledgeIndexing.Result removed = ingestion.delete(id, ApiUser.current());
        if (removed.done()) {
            return ResponseEntity.noContent().build();
        }
        // deleted in the record; search lets go of it with the retry
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(result(id, removed));
    }

    /** Brings search in line with the document now, rather than at the next scheduled retry. */
    @PostMapping("/documents/{id}/index")
    ResponseEntity<Object> index(@PathVariable String id) {
        KnowledgeIndexing.Result result = ingestion.retryIndexing(id);
        if (result.state() == KnowledgeStore.IndexState.FAILED) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, id + " is still not in line with search: "
                    + result.error());
        }
        return ResponseEntity.ok(result(id, result));
    }

    /** For auditors: every approval and rejection of a claim or policy version. */
    @GetMapping("/decisions")
    List<AuditLog.Entry> decisions() {
        return approval.decisions();
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

    private static Map<String, Object> result(String id, KnowledgeIndexing.Result result) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("indexState", result.state());
        if (result.error() != null) {
            m.put("indexError", result.error());
        }
        return m;
    }

    private static Map<String, Object> indexing(KnowledgeStore.StoredVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", v.document().version());
        m.put("state", v.state());
        m.put("indexState", v.indexState());
        m.put("indexError", v.indexError());
        m.put("indexAttempts", v.indexAttempts());
        return m;
    }

    private static Map<String, Object> summary(KnowledgeStore.StoredVersion v) {
        KnowledgeDocument d = v.document();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("type", d.type());
        m.put("title", d.title());
        m.put("version", d.version());
        m.put("status", d.status());
        m.put("state", v.state());
        if (v.state() == KnowledgeStore.State.PENDING && KnowledgeDocument.IN_REVIEW.equals(d.status())) {
            m.put("awaiting", KnowledgeIngestion.AWAITING_LEGAL);
        }
        m.put("owner", d.owner());
        m.put("regions", d.regions());
        m.put("categories", d.categories());
        if (d.type() == KnowledgeType.CLAIM) {
            m.put("products", d.products()); // empty: the claim holds for its whole category
        }
        m.put("locale", d.locale());
        m.put("effectiveFrom", d.effectiveFrom());
        m.put("effectiveTo", d.effectiveTo());
        m.put("chunks", v.chunks());
        if (v.indexState() != null) {
            m.put("indexState", v.indexState());
            m.put("indexError", v.indexError());
        }
        m.put("ingestedBy", v.ingestedBy());
        m.put("ingestedAt", v.ingestedAt());
        m.put("approvedBy", v.approvedBy());
        m.put("approvedAt", v.approvedAt());
        if (v.rejectedBy() != null) {
            m.put("rejectedBy", v.rejectedBy());
            m.put("rejectedAt", v.rejectedAt());
        }
        m.put("reviewComment", v.reviewComment());
        return m;
    }
}
