package io.campaignpilot.knowledge;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.MsearchResponse;
import co.elastic.clients.elasticsearch.core.msearch.MultiSearchResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.core.search.SearchRequestBody;
import io.campaignpilot.platform.NetworkCall;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hybrid retrieval (BM25 and kNN scored together) of approved, currently effective knowledge. A campaign's context
 * is one multi-search request with one hybrid search per knowledge type, so it always carries brand voice, claims,
 * product facts and policy where they exist, and never more than a few chunks of any one document.
 */
@Component
public class KnowledgeRetriever {
    /**
     * What to ground a campaign in. {@code brand} and {@code locale} narrow the search when given; {@code skus} are
     * the promoted products: they select the product facts (or, when empty, the category does), and a claim naming
     * products is found only for one of them. Null skus (an editor's search, no campaign) leave claims unfiltered.
     */
    public record Request(String text, String region, String category, List<String> skus, String brand, String locale) {
        public Request(String text, String region, String category, List<String> skus) {
            this(text, region, category, skus, null, null);
        }
    }

    private static final List<KnowledgeType> REQUIRED = List.of(KnowledgeType.BRAND_VOICE, KnowledgeType.PRODUCT_FACT);

    private final ElasticsearchClient client;
    private final Embedder embedder;
    private final KnowledgeProperties properties;
    private final KnowledgeMetrics metrics;

    @Autowired
    public KnowledgeRetriever(ElasticsearchClient client, Embedder embedder, KnowledgeProperties properties,
                              KnowledgeMetrics metrics) {
        this.client = client;
        this.embedder = embedder;
        this.properties = properties;
        this.metrics = metrics;
    }

    /** Built by hand (benchmarks, fault tests): no metrics. */
    public KnowledgeRetriever(ElasticsearchClient client, Embedder embedder, KnowledgeProperties properties) {
        this(client, embedder, properties, KnowledgeMetrics.none());
    }

    /**
     * The numbered sources for a campaign, per-type quotas filled in one request. Fails (so the process step retries
     * and then raises an incident) rather than returning a context without brand voice or product facts, or one
     * where any part of the search failed.
     */
    public List<GroundingSource> retrieve(Request request) {
        return metrics.retrieval(() -> retrieveSources(request));
    }

    private List<GroundingSource> retrieveSources(Request request) {
        List<Float> vector = vector(request.text());
        List<KnowledgeType> types = List.of(KnowledgeType.values());
        MsearchResponse<Map> response = call(() -> client.msearch(m -> {
            m.index(properties.alias());
            for (KnowledgeType type : types) {
                int quota = properties.quota(type);
                m.searches(s -> s.header(h -> h.index(properties.alias())).body(hybrid(request.text(), vector,
                        filters(type, request), overFetch(quota))));
            }
            return m;
        }, Map.class));
        List<GroundingSource> sources = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            KnowledgeType type = types.get(i);
            MultiSearchResponseItem<Map> item = response.responses().get(i);
            if (item.isFailure()) {
                throw new KnowledgeUnavailableException("the " + type + " part of the knowledge search failed: "
                        + item.failure().error().reason() + "; refusing to generate from a partial context", null);
            }
            for (Hit<Map> hit : diverse(item.result().hits().hits(), properties.quota(type))) {
                sources.add(source(sources.size() + 1, hit));
            }
        }
        for (KnowledgeType required : REQUIRED) {
            if (sources.stream().noneMatch(s -> s.type() == required)) {
                throw new IllegalStateException("no approved " + required + " knowledge found for region " + request.region()
                        + ", category " + request.category() + ", skus " + request.skus()
                        + ": refusing to generate from an incomplete context");
            }
        }
        return sources;
    }

    /**
     * One hybrid search across all types (or one type), for editors checking what retrieval finds and for the
     * evaluation set. Results are ranked, at most {@code maxChunksPerDocument} per document.
     */
    public List<GroundingSource> search(String text, KnowledgeType type, String region, String category, int k) {
        return search(text, vector(text), type, region, category, k);
    }

    /** The search with the query's vector already computed (the benchmark times the two parts apart). */
    List<GroundingSource> search(String text, List<Float> vector, KnowledgeType type, String region, String category, int k) {
        Request request = new Request(text, region, category, null);
        List<Query> filters = type == null ? commonFilters(request) : filters(type, request);
        var response = call(() -> client.search(s -> s.index(properties.alias())
                .size(overFetch(k))
                .source(src -> src.filter(f -> f.excludes("embedding")))
                .query(hybridQuery(text, filters))
                .knn(kn -> kn.field("embedding").queryVector(vector).k(overFetch(k))
                        .numCandidates(Math.max(properties.numCandidates(), overFetch(k))).filter(filters)
                        .boost(properties.vectorBoost())), Map.class));
        List<GroundingSource> found = new ArrayList<>();
        for (Hit<Map> hit : diverse(response.hits().hits(), k)) {
            found.add(source(found.size() + 1, hit));
        }
        return found;
    }

    private SearchRequestBody hybrid(String text, List<Float> vector, List<Query> filters, int size) {
        return SearchRequestBody.of(b -> b.size(size)
                .source(src -> src.filter(f -> f.excludes("embedding")))
                .query(hybridQuery(text, filters))
                .knn(k -> k.field("embedding").queryVector(vector).k(size)
                        .numCandidates(Math.max(properties.numCandidates(), size)).filter(filters)
                        .boost(properties.vectorBoost())));
    }

    private Query hybridQuery(String text, List<Query> filters) {
        return Query.of(q -> q.bool(b -> b.filter(filters)
                .should(sh -> sh.multiMatch(m -> m.query(text).fields("title^2", "text").boost(properties.textBoost())))));
    }

    /** Enough candidates that dropping extra chunks of the same document still fills the quota. */
    private int overFetch(int quota) {
        return quota * Math.max(2, properties.maxChunksPerDocument() + 1);
    }

    /** Best-first, at most maxChunksPerDocument chunks of one document, up to the limit. */
    private List<Hit<Map>> diverse(List<Hit<Map>> hits, int limit) {
        Map<Object, Integer> perDocument = new HashMap<>();
        List<Hit<Map>> kept = new ArrayList<>();
        for (Hit<Map> hit : hits) {
            if (kept.size() == limit) {
                break;
            }
            Object docId = hit.source().get("doc_id");
            if (perDocument.merge(docId, 1, Integer::sum) <= properties.maxChunksPerDocument()) {
                kept.add(hit);
            }
        }
        return kept;
    }

    private static GroundingSource source(int number, Hit<Map> hit) {
        Map<?, ?> src = hit.source();
        return new GroundingSource(number, (String) src.get("doc_id"), (String) src.get("chunk_id"),
                KnowledgeType.valueOf((String) src.get("type")), ((Number) src.get("version")).intValue(),
                (String) src.get("title"), hit.score() == null ? 0 : hit.score(), (String) src.get("text"),
                src.get("products") instanceof List<?> products ? products.stream().map(String::valueOf).toList() : List.of());
    }

    List<Float> vector(String text) {
        NetworkCall.outsideTransactions("embedding a knowledge query");
        float[] vector = embedder.embed(text);
        List<Float> list = new ArrayList<>(vector.length);
        for (float v : vector) {
            list.add(v);
        }
        return list;
    }

    private static List<Query> filters(KnowledgeType type, Request request) {
        List<Query> filters = commonFilters(request);
        filters.add(term("type", type.name()));
        if (type == KnowledgeType.PRODUCT_FACT && request.skus() != null && !request.skus().isEmpty()) {
            filters.add(terms("doc_id", request.skus().stream().map(KnowledgeCorpus::productFactId).toList()));
        } else if (request.category() != null) {
            filters.add(terms("categories", List.of(request.category(), "all")));
        }
        if (type == KnowledgeType.CLAIM && request.skus() != null) {
            // a claim about particular products is only for a campaign promoting one of them
            filters.add(Query.of(q -> q.bool(b -> b
                    .should(s -> s.bool(n -> n.mustNot(m -> m.exists(e -> e.field("products")))))
                    .should(terms("products", request.skus())))));
        }
        return filters;
    }

    /** Approved, effective today, and where given: the region (or everywhere), the brand and the locale. */
    private static List<Query> commonFilters(Request request) {
        String today = LocalDate.now().toString();
        List<Query> filters = new ArrayList<>();
        filters.add(term("status", KnowledgeDocument.APPROVED));
        filters.add(Query.of(q -> q.bool(b -> b
                .should(s -> s.range(r -> r.date(d -> d.field("effective_from").lte(today))))
                .should(s -> s.bool(n -> n.mustNot(m -> m.exists(e -> e.field("effective_from"))))))));
        filters.add(Query.of(q -> q.bool(b -> b
                .should(s -> s.range(r -> r.date(d -> d.field("effective_to").gte(today))))
                .should(s -> s.bool(n -> n.mustNot(m -> m.exists(e -> e.field("effective_to"))))))));
        if (request.region() != null) {
            filters.add(terms("regions", List.of(request.region(), "all")));
        }
        if (request.brand() != null) {
            filters.add(term("brand", request.brand()));
        }
        if (request.locale() != null) {
            filters.add(term("locale", request.locale()));
        }
        return filters;
    }

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }

    private static Query terms(String field, List<String> values) {
        return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(values.stream().map(FieldValue::of).toList()))));
    }

    private <T> T call(IoCall<T> action) {
        NetworkCall.outsideTransactions("a knowledge search in Elasticsearch");
        try {
            return action.run();
        } catch (IOException e) {
            throw new KnowledgeUnavailableException("knowledge search failed: Elasticsearch at " + properties.url()
                    + " did not answer (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    @FunctionalInterface
    private interface IoCall<T> {
        T run() throws IOException;
    }
}
