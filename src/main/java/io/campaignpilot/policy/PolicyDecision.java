package io.campaignpilot.policy;

import java.time.Instant;
import java.util.List;

/** A recorded rule evaluation: which checkpoint, which rules version, which findings, which tier. */
public record PolicyDecision(int round, String checkpoint, RiskTier tier, String rulesVersion, List<Finding> findings,
                             Instant decidedAt) {
}
