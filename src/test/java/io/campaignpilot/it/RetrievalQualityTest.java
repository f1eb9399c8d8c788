package io.campaignpilot.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignpilot.dev.Figures;
import io.campaignpilot.knowledge.GroundingSource;
import io.campaignpilot.knowledge.KnowledgeRetriever;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retrieval quality gate: the labelled queries in knowledge/evaluation.json run against the demo corpus in
 * the embedded Elasticsearch node through the same hybrid search campaigns use. Fails below recall@5 0.9 or
 * MRR 0.7, and prints the figures and every miss.
 */
class RetrievalQualityTest extends ApiTestBase {
    private static final int K = 5;

    @Autowired
    KnowledgeRetriever retriever;

    @Test
    void labelledQueriesFindTheirDocuments() throws Exception {
        JsonNode queries = json.readTree(new ClassPathResource("knowledge/evaluation.json").getInputStream()).path("queries");
        double recallSum = 0;
        double reciprocalRankSum = 0;
        List<String> misses = new ArrayList<>();
        for (JsonNode q : queries) {
            String text = q.path("query").asText();
            String region = q.hasNonNull("region") ? q.path("region").asText() : null;
            Set<String> relevant = new HashSet<>();
            q.path("relevant").forEach(r -> relevant.add(r.asText()));

            List<String> ranked = topDocuments(text, region);
            long found = ranked.stream().filter(relevant::contains).count();
            recallSum += (double) found / relevant.size();
            for (int rank = 0; rank < ranked.size(); rank++) {
                if (relevant.contains(ranked.get(rank))) {
                    reciprocalRankSum += 1.0 / (rank + 1);
                    break;
                }
            }
            if (found < relevant.size()) {
                misses.add("  \"" + text + "\": expected " + relevant + ", got " + ranked);
            }
        }
        int n = queries.size();
        double recall = recallSum / n;
        double mrr = reciprocalRankSum / n;
        String figures = String.format("RETRIEVAL QUALITY over %d labelled queries: recall@%d = %.3f, MRR = %.3f "
                + "(gate: recall >= 0.9, MRR >= 0.7)%n%s", n, K, recall, mrr, String.join(System.lineSeparator(), misses));
        Figures.report("retrieval-quality", figures);

        assertThat(n).isGreaterThanOrEqualTo(40);
        assertThat(recall).as(figures).isGreaterThanOrEqualTo(0.9);
        assertThat(mrr).as(figures).isGreaterThanOrEqualTo(0.7);
    }

    /** The first five distinct documents, in the order their best chunk ranks. */
    private List<String> topDocuments(String text, String region) {
        Set<String> docs = new LinkedHashSet<>();
        for (GroundingSource s : retriever.search(text, null, region, null, 3 * K)) {
            docs.add(s.docId());
            if (docs.size() == K) {
                break;
            }
        }
        return new ArrayList<>(docs);
    }
}
