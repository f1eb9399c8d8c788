package io.campaignpilot.process;

import io.campaignpilot.engine.ProcessNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One topic of external tasks that the application works itself ({@link InAppWorkers}): the variables it needs from
 * the process, its threads and lock, and the work. The work runs with no transaction open; what it returns is written
 * and the task completed afterwards, in one short transaction.
 */
interface TopicWork {
    String topic();

    /** The process variables fetched with the task: only these. */
    List<String> variables();

    WorkerSettings settings();

    /**
     * Does the work of one locked task, outside any transaction. {@link Lease#renew()} extends the lock for long work;
     * a thrown exception is a failure, retried and then an incident in Cockpit with {@link #failure}'s message.
     */
    Outcome work(Task task, Lease lease);

    /** What the incident says when the work failed (Cockpit shows the message, and the details behind it). */
    default Failure failure(Task task, RuntimeException e) {
        return new Failure(e.getClass().getSimpleName() + ": " + e.getMessage(), InAppWorker.stackTrace(e));
    }

    /** A locked task and the variables fetched with it. */
    record Task(String id, String workerId, Map<String, Object> variables) {
        String campaignId() {
            Object id = variables.get(ProcessNames.CAMPAIGN_ID);
            if (id == null) {
                throw new IllegalStateException("process variable " + ProcessNames.CAMPAIGN_ID + " is missing");
            }
            return id.toString();
        }

        String string(String name) {
            Object value = variables.get(name);
            return value == null ? null : value.toString();
        }

        int integer(String name, int fallback) {
            Object value = variables.get(name);
            return value instanceof Number n ? n.intValue() : value == null ? fallback : Integer.parseInt(value.toString());
        }
    }

    /** The task's lock, held while the work lasts. */
    interface Lease {
        /** Extends the lock by the topic's lock duration; false once the application is stopping. */
        boolean renew();
    }

    /** What became of a task. */
    sealed interface Outcome {
        /** Finished: {@code record} writes the results and the task completes with {@code variables}, in one transaction. */
        record Done(Map<String, Object> variables, Runnable record) implements Outcome {
        }

        /** Not finished: take it up again after {@code comeBackIn} (zero: as soon as a thread is free). */
        record Later(Duration comeBackIn) implements Outcome {
        }

        static Outcome done() {
            return new Done(Map.of(), () -> { });
        }

        static Outcome done(Map<String, Object> variables, Runnable record) {
            return new Done(variables, record);
        }

        static Outcome later(Duration comeBackIn) {
            return new Later(comeBackIn);
        }
    }

    /** A failure as the incident shows it. */
    record Failure(String message, String details) {
    }

    /**
     * How a topic is worked on this node. Each thread holds at most one database connection, and none while it waits
     * on the network.
     *
     * @param lockDuration longer than the slowest work between two renewals, or a second worker would take the task
     * @param retries      attempts before the failure becomes an incident
     * @param retryBackoff the first wait after a failure; it doubles with each retry
     */
    record WorkerSettings(int threads, Duration lockDuration, Duration pollInterval, int retries, Duration retryBackoff) {
    }
}
