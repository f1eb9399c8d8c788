package io.campaignpilot.process;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The in-app workers for model and search calls ({@code campaignpilot.workers.*}); channel dispatch is configured
 * under {@code campaignpilot.publishing}. Their lock durations follow from the capabilities' own timeouts.
 *
 * @param grounding  "Retrieve grounding": embeddings and Elasticsearch, one campaign per thread
 * @param generation "Write variants for channel": model calls, one channel per thread; five lets every channel of a
 *                   campaign be written at the same time
 * @param learning   "Put learning into use": an approved learning written to search; rare, so one thread
 */
@ConfigurationProperties("campaignpilot.workers")
public record WorkerProperties(@DefaultValue Grounding grounding, @DefaultValue Generation generation,
                               @DefaultValue Learning learning) {

    public record Grounding(@DefaultValue("2") int threads, @DefaultValue("3") int retries,
                            @DefaultValue("PT10S") Duration retryBackoff, @DefaultValue("PT0.5S") Duration pollInterval) {
        TopicWork.WorkerSettings settings(Duration lockDuration) {
            return new TopicWork.WorkerSettings(threads, lockDuration, pollInterval, retries, retryBackoff);
        }
    }

    public record Generation(@DefaultValue("10") int threads, @DefaultValue("3") int retries,
                             @DefaultValue("PT10S") Duration retryBackoff, @DefaultValue("PT0.5S") Duration pollInterval) {
        TopicWork.WorkerSettings settings(Duration lockDuration) {
            return new TopicWork.WorkerSettings(threads, lockDuration, pollInterval, retries, retryBackoff);
        }
    }

    public record Learning(@DefaultValue("1") int threads, @DefaultValue("5") int retries,
                           @DefaultValue("PT10S") Duration retryBackoff, @DefaultValue("PT2S") Duration pollInterval) {
        TopicWork.WorkerSettings settings(Duration lockDuration) {
            return new TopicWork.WorkerSettings(threads, lockDuration, pollInterval, retries, retryBackoff);
        }
    }
}
