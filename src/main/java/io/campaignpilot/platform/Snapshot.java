package io.campaignpilot.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A value read at most once per {@code maxAge}: gauges that query the database (open reviews, job backlog) stay cheap
 * however often they are scraped, and however many gauges share the reading. A failed reading keeps the last one.
 */
public final class Snapshot<T> {
    private static final Logger log = LoggerFactory.getLogger(Snapshot.class);

    private final Supplier<T> reader;
    private final long maxAgeNanos;
    private T value;
    private long readAt;

    public Snapshot(Duration maxAge, T initial, Supplier<T> reader) {
        this.reader = reader;
        this.maxAgeNanos = maxAge.toNanos();
        this.value = initial;
        this.readAt = System.nanoTime() - maxAgeNanos - 1;
    }

    public synchronized T get() {
        long now = System.nanoTime();
        if (now - readAt > maxAgeNanos) {
            readAt = now;
            try {
                value = reader.get();
            } catch (RuntimeException e) {
                log.warn("metrics reading failed, keeping the last one: {}", e.toString());
            }
        }
        return value;
    }
}
