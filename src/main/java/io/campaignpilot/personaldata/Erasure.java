package io.campaignpilot.personaldata;

import java.time.Instant;
import java.util.Map;

/**
 * The answer to an erasure request: what was cleared where, by count only. {@code rows} counts our tables' rows,
 * {@code engineRecords} the process engine's; neither ever holds the erased values.
 */
public record Erasure(long customerId, Status status, Instant erasedAt, Map<String, Integer> rows,
                      Map<String, Integer> engineRecords) {

    public enum Status {
        ERASED, ALREADY_ERASED
    }
}
