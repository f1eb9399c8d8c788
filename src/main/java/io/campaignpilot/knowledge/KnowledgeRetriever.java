package io.campaignpilot.knowledge;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Hybrid retrieval (BM25 + kNN in one request) of approved, currently effective knowledge, with a quota
 * per knowledge type so the generator always sees brand voice, claims, product facts and policy.
 */
@Component
public class KnowledgeRetriever {
    /** What to ground a campaign in. */
    public record Query(String text, String region, String category, List<String> skus) {
    }

    private final ElasticsearchClient client;
    private final Embedder embedder;
    private final KnowledgeProperties properties;

    public KnowledgeRetriever(ElasticsearchClient client, Embedder embedder, KnowledgeProperties properties) {
        this.client = client;
        this.embedder = embedder;
        this.properties = properties;
    }

    /**
     * Retrieves and numbers the sources. Fails (so the process step retries and then raises an incident)
     * rather than returning a context without brand voice or product facts.
     */
    public List<GroundingSource> retrieve(Query query) {
        float[] vector = embedder.embed(query.text());
        List<Float> queryVector = new ArrayList<>(vector.length);
        for (float v : vector) {
            queryVector.add(v);
        }
        List<GroundingSource> sources = new ArrayList<>();
        for (KnowledgeType type : KnowledgeType.values()) {
            for (Hit<Map> hit : search(type, query, queryVector)) {
                Map<?, ?> src = hit.source();
                sources.add(new GroundingSource(sources.size() + 1, (String) src.get("doc_id"), (String) src.get("chunk_id"),
                        type, ((Number) src.get("version")).intValue(), (String) src.get("title"),
                        hit.score() == null ? 0 : hit.score(), (String) src.get("text")));
            }
        }
        for (KnowledgeType required : List.of(KnowledgeType.BRAND_VOICE, KnowledgeType.PRODUCT_FACT)) {
            if (sources.stream().noneMatch(s -> s.type() == required)) {
                throw new IllegalStateException("no approved " + required + " knowledge found for region " + query.region()
                        + ", category " + query.category() + ", skus " + query.skus()
                        + ": refusing to generate from an incomplete context");
            }
        }
        return sources;
    }

    private List<Hit<Map>> search(KnowledgeType type, Query query, List<Float> vector) {
        List<co.elastic.clients.elasticsearch._types.query_dsl.Query> filters = filters(type, query);
        try {
            SearchResponse<Map> response = client.search(s -> s.index(properties.alias())
                    .size(properties.perTypeQuota())
                    .source(src -> src.filter(f -> f.excludes("embedding")))
                    .query(q -> q.bool(b -> b.filter(filters)
                            .should(sh -> sh.multiMatch(m -> m.query(query.text()).fields("title^2", "text")))))
                    .knn(k -> k.field("embedding").queryVector(vector).k(properties.perTypeQuota())
                            .numCandidates(properties.numCandidates()).filter(filters)), Map.class);
            return response.hits().hits();
        } catch (IOException e) {
            throw new UncheckedIOException("knowledge search failed at " + properties.url(), e);
        }
    }

    private static List<co.elastic.clients.elasticsearch._types.query_dsl.Query> filters(KnowledgeType type, Query query) {
        String today = LocalDate.now().toString();
        List<co.elastic.clients.elasticsearch._types.query_dsl.Query> filters = new ArrayList<>();
        filters.add(term("type", type.name()));
        filters.add(term("status", "APPROVED"));
        filters.add(co.elastic.clients.elasticsearch._types.query_dsl.Query.of(q -> q.bool(b -> b
                .should(s -> s.range(r -> r.date(d -> d.field("effective_from").lte(today))))
                .should(s -> s.bool(n -> n.mustNot(m -> m.exists(e -> e.field("effective_from"))))))));
        filters.add(co.elastic.clients.elasticsearch._types.query_dsl.Query.of(q -> q.bool(b -> b
                .should(s -> s.range(r -> r.date(d -> d.field("effective_to").gte(today))))
                .should(s -> s.bool(n -> n.mustNot(m -> m.exists(e -> e.field("effective_to"))))))));
        filters.add(terms("regions", List.of(query.region(), "all")));
        if (type == KnowledgeType.PRODUCT_FACT) {
            filters.add(terms("doc_id", query.skus().stream().map(sku -> "product-" + sku).toList()));
        } else if (query.category() != null) {
            filters.add(terms("categories", List.of(query.category(), "all")));
        }
        return filters;
    }

    private static co.elastic.clients.elasticsearch._types.query_dsl.Query term(String field, String value) {
        return co.elastic.clients.elasticsearch._types.query_dsl.Query.of(q -> q.term(t -> t.field(field).value(value)));
    }

    private static co.elastic.clients.elasticsearch._types.query_dsl.Query terms(String field, List<String> values) {
        return co.elastic.clients.elasticsearch._types.query_dsl.Query.of(q -> q.terms(t -> t.field(field)
                .terms(v -> v.value(values.stream().map(FieldValue::of).toList()))));
    }
}
