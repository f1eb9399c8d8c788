package io.campaignpilot.review;

import java.time.Instant;

/** A reviewer's decision: approve, reject or requestChanges, with the comment that explains it. */
public record ReviewDecision(int round, String review, String reviewer, String decision, String comment,
                             Instant decidedAt) {
}
