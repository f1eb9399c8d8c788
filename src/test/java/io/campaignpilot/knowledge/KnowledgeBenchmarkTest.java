package io.campaignpilot.knowledge;

import io.campaignpilot.dev.EmbeddedElasticsearch;
import io.campaignpilot.dev.Figures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the retrieval benchmark small (500 chunks, 200 queries) so every CI build prints its numbers without spending
 * minutes of the suite on embedding; the full size is {@code -Dbenchmark.chunks=10000 -Dbenchmark.queries=500}. Only
 * the work is checked (the corpus was built and every query found something); time is reported, never asserted.
 */
class KnowledgeBenchmarkTest {

    @Test
    void printsIngestionThroughputAndQueryLatency() throws Exception {
        int chunks = Integer.getInteger("benchmark.chunks", 500);
        int queries = Integer.getInteger("benchmark.queries", 200);
        KnowledgeBenchmark.Result result = KnowledgeBenchmark.run(EmbeddedElasticsearch.shared().url(), chunks, queries);

        Figures.report("retrieval-benchmark", result.report());

        assertThat(result.chunks()).isGreaterThanOrEqualTo(chunks);
        assertThat(result.search().n()).isEqualTo(queries);
        assertThat(result.emptyResults()).isZero();
    }
}
