package io.campaignpilot.knowledge;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import io.campaignpilot.platform.NetworkCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Owns the knowledge index in Elasticsearch: creates it behind an alias at start-up, refuses to run against an
 * index built with another embedding model, writes the chunks of a document version all-or-nothing, and
 * rebuilds into a fresh index that replaces the old one with one atomic alias swap.
 */
@Component
public class KnowledgeIndex {
    private static final Logger log = LoggerFactory.getLogger(KnowledgeIndex.class);
    private static final int BULK_CHUNKS = 256;
    private static final DateTimeFormatter INDEX_SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private final ElasticsearchClient client;
    private final Embedder embedder;
    private final KnowledgeProperties properties;
    private final String alias;

    public KnowledgeIndex(ElasticsearchClient client, Embedder embedder, KnowledgeProperties properties) {
        this.client = client;
        this.embedder = embedder;
        this.properties = properties;
        this.alias = properties.alias();
    }

    /**
     * Creates the index and alias if missing. Returns why the existing index cannot be searched with this
     * application's embedder (another model or dimension), or empty when it can.
     */
    public Optional<String> ensureIndex() {
        return call("check the knowledge index", () -> {
            if (!client.indices().existsAlias(a -> a.name(alias)).value()) {
                String index = newIndexName();
                createIndex(index);
                client.indices().updateAliases(u -> u.actions(a -> a.add(add -> add.index(index).alias(alias).isWriteIndex(true))));
                log.info("created knowledge index {} behind alias {}", index, alias);
                return Optional.empty();
            }
            for (var entry : client.indices().get(g -> g.index(alias)).indices().entrySet()) {
                Map<String, JsonData> meta = entry.getValue().mappings() == null ? Map.of() : entry.getValue().mappings().meta();
                String model = meta.containsKey("embedding_model") ? meta.get("embedding_model").to(String.class) : "?";
                int dims = meta.containsKey("embedding_dims") ? meta.get("embedding_dims").to(Integer.class) : -1;
                if (!embedder.model().equals(model) || embedder.dimensions() != dims) {
                    return Optional.of("knowledge index " + entry.getKey() + " behind alias " + alias
                            + " was built with embedding model " + model + " (" + dims + " dims), but this application embeds with "
                            + embedder.model() + " (" + embedder.dimensions() + " dims)");
                }
            }
            // an index built before claims named their products lacks the field, and its mapping is strict
            client.indices().putMapping(p -> p.index(alias).properties("products", f -> f.keyword(k -> k)));
            return Optional.empty();
        });
    }

    /** The model the index behind the alias was built with, or null when there is none. */
    public String indexedModel() {
        return call("read the knowledge index", () -> {
            if (!client.indices().existsAlias(a -> a.name(alias)).value()) {
                return null;
            }
            for (var state : client.indices().get(g -> g.index(alias)).indices().values()) {
                Map<String, JsonData> meta = state.mappings() == null ? Map.of() : state.mappings().meta();
                if (meta.containsKey("embedding_model")) {
                    return meta.get("embedding_model").to(String.class);
                }
            }
            return "?";
        });
    }

    /**
     * Writes the chunks of one document version and then removes the chunks of every other version. If any chunk
     * fails, the ones already written are removed again, so a document is never half indexed.
     */
    public int write(KnowledgeDocument doc) {
        return writeInto(alias, doc);
    }

    /** Removes every chunk of a document from search. */
    public void remove(String docId) {
        call("remove " + docId + " from the knowledge index", () -> {
            deleteChunks(alias, chunkIds(alias, docId, null));
            return null;
        });
    }

    /** The version currently searchable for a document, or 0. */
    public int indexedVersion(String docId) {
        return call("read " + docId, () -> {
            var response = client.search(s -> s.index(alias).size(1).source(src -> src.filter(f -> f.includes("version")))
                    .query(q -> q.term(t -> t.field("doc_id").value(docId))), Map.class);
            if (response.hits().hits().isEmpty()) {
                return 0;
            }
            Object version = response.hits().hits().getFirst().source().get("version");
            return version instanceof Number n ? n.intValue() : 0;
        });
    }

    /**
     * Builds a new index from the given documents with the current embedding model, then moves the alias to it in
     * one atomic step: searches see the old index until the new one is complete. The old index is deleted.
     *
     * @return the new index's name
     */
    public String rebuild(List<KnowledgeDocument> documents) {
        return call("rebuild the knowledge index", () -> {
            String index = newIndexName();
            createIndex(index);
            int chunks;
            try {
                chunks = bulkLoad(index, documents);
                // one refresh and one segment for the whole build: nobody searches the new index before the swap,
                // and a kNN search walks one HNSW graph per segment
                client.indices().refresh(r -> r.index(index));
                client.indices().forcemerge(f -> f.index(index).maxNumSegments(1L));
            } catch (IOException | RuntimeException e) {
                client.indices().delete(d -> d.index(index));
                throw e;
            }
            List<String> old = client.indices().existsAlias(a -> a.name(alias)).value()
                    ? new ArrayList<>(client.indices().getAlias(g -> g.name(alias)).aliases().keySet()) : List.of();
            client.indices().updateAliases(u -> {
                old.forEach(o -> u.actions(a -> a.remove(r -> r.index(o).alias(alias))));
                return u.actions(a -> a.add(add -> add.index(index).alias(alias).isWriteIndex(true)));
            });
            for (String o : old) {
                client.indices().delete(d -> d.index(o));
            }
            log.info("rebuilt knowledge index {} ({} documents, {} chunks, model {}); alias {} moved from {}", index,
                    documents.size(), chunks, embedder.model(), alias, old);
            return index;
        });
    }

    /** The concrete indices behind the alias. */
    public List<String> indices() {
        return call("read the knowledge alias", () -> new ArrayList<>(client.indices().getAlias(g -> g.name(alias)).aliases().keySet()));
    }

    /** Loads many documents into a new index: chunks of several documents embedded and sent together. */
    private int bulkLoad(String target, List<KnowledgeDocument> documents) throws IOException {
        int total = 0;
        List<KnowledgeDocument> owners = new ArrayList<>();
        List<String> chunkTexts = new ArrayList<>();
        List<Integer> chunkNumbers = new ArrayList<>();
        for (int d = 0; d < documents.size(); d++) {
            KnowledgeDocument doc = documents.get(d);
            List<String> chunks = Chunker.chunk(doc.text(), properties.chunkChars());
            for (int i = 0; i < chunks.size(); i++) {
                owners.add(doc);
                chunkTexts.add(chunks.get(i));
                chunkNumbers.add(i);
            }
            if (chunkTexts.size() >= BULK_CHUNKS || d == documents.size() - 1) {
                total += sendBatch(target, owners, chunkTexts, chunkNumbers);
                owners.clear();
                chunkTexts.clear();
                chunkNumbers.clear();
            }
        }
        return total;
    }

    private int sendBatch(String target, List<KnowledgeDocument> owners, List<String> texts, List<Integer> numbers)
            throws IOException {
        if (texts.isEmpty()) {
            return 0;
        }
        List<String> toEmbed = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            toEmbed.add(owners.get(i).title() + "\n" + texts.get(i));
        }
        List<float[]> vectors = embedder.embed(toEmbed);
        BulkRequest.Builder bulk = new BulkRequest.Builder().index(target);
        for (int i = 0; i < texts.size(); i++) {
            String id = chunkId(owners.get(i), numbers.get(i));
            Map<String, Object> source = source(owners.get(i), id, texts.get(i), vectors.get(i));
            bulk.operations(op -> op.index(ix -> ix.id(id).document(source)));
        }
        BulkResponse response = client.bulk(bulk.build());
        if (response.errors()) {
            throw new IllegalStateException("bulk load into " + target + " failed: " + response.items().stream()
                    .filter(item -> item.error() != null).map(item -> item.error().reason()).findFirst().orElse("?"));
        }
        return texts.size();
    }

    private int writeInto(String target, KnowledgeDocument doc) {
        NetworkCall.outsideTransactions("indexing " + doc.id() + " v" + doc.version());
        List<String> chunks = Chunker.chunk(doc.text(), properties.chunkChars());
        List<float[]> vectors = embedder.embed(chunks.stream().map(c -> doc.title() + "\n" + c).toList());
        if (vectors.size() != chunks.size()) {
            throw new IllegalStateException("the embedder returned " + vectors.size() + " vectors for " + chunks.size() + " chunks");
        }
        BulkRequest.Builder bulk = new BulkRequest.Builder().index(target).refresh(Refresh.True);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            String id = chunkId(doc, i);
            ids.add(id);
            Map<String, Object> source = source(doc, id, chunks.get(i), vectors.get(i));
            bulk.operations(op -> op.index(ix -> ix.id(id).document(source)));
        }
        return call("index " + doc.id() + " v" + doc.version(), () -> {
            BulkResponse response = client.bulk(bulk.build());
            if (response.errors()) {
                String reason = response.items().stream().filter(item -> item.error() != null)
                        .map(BulkResponseItem::error).map(e -> e.type() + ": " + e.reason()).findFirst().orElse("?");
                deleteChunks(target, ids);
                throw new IllegalStateException("indexing " + doc.id() + " v" + doc.version() + " failed and was rolled back: " + reason);
            }
            deleteChunks(target, chunkIds(target, doc.id(), doc.version()));
            return chunks.size();
        });
    }

    private static Map<String, Object> source(KnowledgeDocument doc, String chunkId, String text, float[] vector) {
        Map<String, Object> source = new HashMap<>();
        source.put("doc_id", doc.id());
        source.put("chunk_id", chunkId);
        source.put("type", doc.type().name());
        source.put("title", doc.title());
        source.put("text", text);
        source.put("version", doc.version());
        source.put("status", doc.status());
        source.put("brand", doc.brand());
        source.put("regions", doc.regions());
        source.put("categories", doc.categories());
        source.put("products", doc.products());
        source.put("locale", doc.locale());
        source.put("owner", doc.owner());
        source.put("effective_from", doc.effectiveFrom() == null ? null : doc.effectiveFrom().toString());
        source.put("effective_to", doc.effectiveTo() == null ? null : doc.effectiveTo().toString());
        source.put("embedding", vector);
        return source;
    }

    /** Chunk ids of a document in an index, except those of {@code keepVersion} (null: all of them). */
    private List<String> chunkIds(String target, String docId, Integer keepVersion) throws IOException {
        var response = client.search(s -> s.index(target).size(10_000).source(src -> src.fetch(false))
                .query(q -> q.bool(b -> {
                    b.filter(f -> f.term(t -> t.field("doc_id").value(docId)));
                    if (keepVersion != null) {
                        b.mustNot(m -> m.term(t -> t.field("version").value(keepVersion)));
                    }
                    return b;
                })), Map.class);
        return response.hits().hits().stream().map(Hit::id).toList();
    }

    private void deleteChunks(String target, List<String> ids) throws IOException {
        if (ids.isEmpty()) {
            return;
        }
        BulkRequest.Builder bulk = new BulkRequest.Builder().index(target).refresh(Refresh.True);
        ids.forEach(id -> bulk.operations(op -> op.delete(d -> d.id(id))));
        BulkResponse response = client.bulk(bulk.build());
        if (response.errors()) {
            throw new IllegalStateException("removing chunks from " + target + " failed: " + response.items().stream()
                    .filter(i -> i.error() != null).map(i -> i.error().reason()).findFirst().orElse("?"));
        }
    }

    private void createIndex(String index) throws IOException {
        String mapping = new String(new ClassPathResource("knowledge/index-mapping.json").getInputStream().readAllBytes(),
                StandardCharsets.UTF_8)
                .replace("\"__MODEL__\"", "\"" + embedder.model() + "\"")
                .replace("\"__DIMS__\"", String.valueOf(embedder.dimensions()));
        client.indices().create(c -> c.index(index).withJson(new StringReader(mapping)));
    }

    private String newIndexName() {
        return alias + "-" + LocalDateTime.now().format(INDEX_SUFFIX);
    }

    static String chunkId(KnowledgeDocument doc, int n) {
        return doc.id() + "@v" + doc.version() + "#" + n;
    }

    private <T> T call(String what, IoCall<T> action) {
        NetworkCall.outsideTransactions("an Elasticsearch call to " + what);
        try {
            return action.run();
        } catch (IOException e) {
            throw new KnowledgeUnavailableException("could not " + what + ": Elasticsearch at " + properties.url()
                    + " did not answer (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    @FunctionalInterface
    private interface IoCall<T> {
        T run() throws IOException;
    }
}
