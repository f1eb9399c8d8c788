package io.campaignpilot.knowledge;

import io.campaignpilot.dev.EmbeddedElasticsearch;
import io.campaignpilot.dev.Figures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the retrieval benchmark at full size (10,000 chunks) so every CI build prints its numbers. Only the
 * work is checked (the corpus was built and every query found something); time is reported, never asserted.
 */
class KnowledgeBenchmarkTest {

    @Test
    void printsIngestionThroughputAndQueryLatency() throws Exception {
        int chunks = Integer.getInteger("benchmark.chunks", 10_000);
        KnowledgeBenchmark.Result result = KnowledgeBenchmark.run(EmbeddedElasticsearch.shared().url(), chunks, 500);

        Figures.report("retrieval-benchmark", result.report());

        assertThat(result.chunks()).isGreaterThanOrEqualTo(chunks);
        assertThat(result.search().n()).isEqualTo(500);
        assertThat(result.emptyResults()).isZero();
    }
}
