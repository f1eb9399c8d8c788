package io.campaignpilot.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects findings and the highest tier the rules raised during one evaluation (a DRL global). */
public class PolicyResult {
    private final List<Finding> findings = new ArrayList<>();
    private RiskTier tier = RiskTier.LOW;

    public void add(Finding finding) {
        findings.add(finding);
    }

    public void raise(RiskTier candidate) {
        if (candidate.compareTo(tier) > 0) {
            tier = candidate;
        }
    }

    public RiskTier tier() {
        return tier;
    }

    public List<Finding> findings() {
        return findings.stream().sorted(Comparator.comparing(Finding::severity).thenComparing(Finding::code)).toList();
    }
}
