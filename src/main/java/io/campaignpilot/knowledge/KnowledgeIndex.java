package io.campaignpilot.knowledge;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.indices.GetIndexResponse;
import co.elastic.clients.json.JsonData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Owns the knowledge index: creates it behind an alias at start-up, refuses to run against an index
 * built with another embedding model, and writes chunked, embedded documents (a new version replaces
 * the previous one's chunks).
 */
@Component
public class KnowledgeIndex {
    private static final Logger log = LoggerFactory.getLogger(KnowledgeIndex.class);
    private static final int CHUNK_CHARS = 700;

    private final ElasticsearchClient client;
    private final Embedder embedder;
    private final KnowledgeProperties properties;

    public KnowledgeIndex(ElasticsearchClient client, Embedder embedder, KnowledgeProperties properties) {
        this.client = client;
        this.embedder = embedder;
        this.properties = properties;
    }

    /** Creates the index and alias if missing; fails start-up if the existing one was built with another model. */
    public void ensureIndex() {
        try {
            String alias = properties.alias();
            if (client.indices().existsAlias(a -> a.name(alias)).value()) {
                GetIndexResponse existing = client.indices().get(g -> g.index(alias));
                existing.indices().forEach((name, state) -> {
                    Map<String, JsonData> meta = state.mappings() == null ? Map.of() : state.mappings().meta();
                    String model = meta.containsKey("embedding_model") ? meta.get("embedding_model").to(String.class) : "?";
                    int dims = meta.containsKey("embedding_dims") ? meta.get("embedding_dims").to(Integer.class) : -1;
                    if (!embedder.model().equals(model) || embedder.dimensions() != dims) {
                        throw new IllegalStateException("knowledge index " + name + " was built with embedding model "
                                + model + " (" + dims + " dims) but this application embeds with " + embedder.model()
                                + " (" + embedder.dimensions() + " dims): reindex into a new index and move alias "
                                + alias + " to it");
                    }
                });
                return;
            }
            String index = alias + "-v1";
            String mapping = new String(resource("knowledge/index-mapping.json").readAllBytes(), StandardCharsets.UTF_8)
                    .replace("\"__MODEL__\"", "\"" + embedder.model() + "\"")
                    .replace("\"__DIMS__\"", String.valueOf(embedder.dimensions()));
            client.indices().create(c -> c.index(index).withJson(new java.io.StringReader(mapping))
                    .aliases(alias, a -> a.isWriteIndex(true)));
            log.info("created knowledge index {} behind alias {}", index, alias);
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch at " + properties.url() + " is not reachable", e);
        }
    }

    /** Indexes a document version: chunks, embeds in one batch, writes, then removes older versions' chunks. */
    public int index(KnowledgeDocument doc) {
        List<String> chunks = chunk(doc.text());
        List<float[]> vectors = embedder.embed(chunks.stream().map(c -> doc.title() + "\n" + c).toList());
        BulkRequest.Builder bulk = new BulkRequest.Builder().index(properties.alias()).refresh(co.elastic.clients.elasticsearch._types.Refresh.True);
        for (int i = 0; i < chunks.size(); i++) {
            Map<String, Object> source = new HashMap<>();
            source.put("doc_id", doc.id());
            source.put("chunk_id", chunkId(doc, i));
            source.put("type", doc.type().name());
            source.put("title", doc.title());
            source.put("text", chunks.get(i));
            source.put("version", doc.version());
            source.put("status", doc.status());
            source.put("brand", doc.brand());
            source.put("regions", doc.regions());
            source.put("categories", doc.categories());
            source.put("locale", doc.locale());
            source.put("owner", doc.owner());
            source.put("effective_from", doc.effectiveFrom() == null ? null : doc.effectiveFrom().toString());
            source.put("effective_to", doc.effectiveTo() == null ? null : doc.effectiveTo().toString());
            source.put("embedding", vectors.get(i));
            String id = chunkId(doc, i);
            bulk.operations(op -> op.index(ix -> ix.id(id).document(source)));
        }
        try {
            BulkResponse response = client.bulk(bulk.build());
            if (response.errors()) {
                throw new IllegalStateException("indexing " + doc.id() + " failed: " + response.items().stream()
                        .filter(item -> item.error() != null).map(item -> item.error().reason()).findFirst().orElse("?"));
            }
            removeOtherVersions(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return chunks.size();
    }

    /** The version currently indexed for a document, or 0. */
    public int indexedVersion(String docId) {
        try {
            var response = client.search(s -> s.index(properties.alias()).size(1)
                    .query(q -> q.term(t -> t.field("doc_id").value(docId))), Map.class);
            if (response.hits().hits().isEmpty()) {
                return 0;
            }
            Object version = response.hits().hits().getFirst().source().get("version");
            return version instanceof Number n ? n.intValue() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void removeOtherVersions(KnowledgeDocument doc) throws IOException {
        var stale = client.search(s -> s.index(properties.alias()).size(1000)
                .query(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("doc_id").value(doc.id())))
                        .mustNot(m -> m.term(t -> t.field("version").value(doc.version()))))), Map.class);
        List<String> ids = new ArrayList<>();
        for (Hit<Map> hit : stale.hits().hits()) {
            ids.add(hit.id());
        }
        if (!ids.isEmpty()) {
            BulkRequest.Builder bulk = new BulkRequest.Builder().index(properties.alias()).refresh(co.elastic.clients.elasticsearch._types.Refresh.True);
            ids.forEach(id -> bulk.operations(op -> op.delete(d -> d.id(id))));
            client.bulk(bulk.build());
        }
    }

    static String chunkId(KnowledgeDocument doc, int n) {
        return doc.id() + "@v" + doc.version() + "#" + n;
    }

    /** Paragraph-aligned chunks of at most ~700 characters, so a chunk is one coherent piece of guidance. */
    static List<String> chunk(String text) {
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String paragraph : text.strip().split("\\n\\s*\\n")) {
            String p = paragraph.strip();
            if (p.isEmpty()) {
                continue;
            }
            if (!current.isEmpty() && current.length() + p.length() > CHUNK_CHARS) {
                chunks.add(current.toString());
                current.setLength(0);
            }
            if (!current.isEmpty()) {
                current.append("\n\n");
            }
            current.append(p);
        }
        if (!current.isEmpty()) {
            chunks.add(current.toString());
        }
        return chunks;
    }

    private static InputStream resource(String path) throws IOException {
        return new ClassPathResource(path).getInputStream();
    }
}
