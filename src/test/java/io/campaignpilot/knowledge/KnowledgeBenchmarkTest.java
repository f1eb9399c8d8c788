package io.campaignpilot.knowledge;

import io.campaignpilot.dev.EmbeddedElasticsearch;
import io.campaignpilot.dev.Figures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the retrieval benchmark on 2,000 chunks so every CI build prints its numbers within the suite's time; the
 * full size is {@code -Dbenchmark.chunks=10000}. Only the work is checked (the corpus was built and every query found something); time is reported, never asserted.
 */
class KnowledgeBenchmarkTest {

    @Test
    void printsIngestionThroughputAndQueryLatency() throws Exception {
        int chunks = Integer.getInteger("benchmark.chunks", 2_000);
        KnowledgeBenchmark.Result result = KnowledgeBenchmark.run(EmbeddedElasticsearch.shared().url(), chunks, 500);

        Figures.report("retrieval-benchmark", result.report());

        assertThat(result.chunks()).isGreaterThanOrEqualTo(chunks);
        assertThat(result.search().n()).isEqualTo(500);
        assertThat(result.emptyResults()).isZero();
    }
}
