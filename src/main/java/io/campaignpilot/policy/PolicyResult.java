package io.campaignpilot.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects findings, dropped channels and the highest tier the rules raised during one evaluation (a DRL global). */
public class PolicyResult {
    private final List<Finding> findings = new ArrayList<>();
    private final Set<String> dropped = new LinkedHashSet<>();
    private RiskTier tier = RiskTier.LOW;

    public void add(Finding finding) {
        findings.add(finding);
    }

    public void drop(String channel) {
        dropped.add(channel);
    }

    public void raise(RiskTier candidate) {
        if (candidate.compareTo(tier) > 0) {
            tier = candidate;
        }
    }

    public RiskTier tier() {
        return tier;
    }

    public Set<String> dropped() {
        return dropped;
    }

    public List<Finding> findings() {
        return findings.stream().sorted(Comparator.comparing(Finding::severity).thenComparing(Finding::code)
                .thenComparing(f -> f.channel() == null ? "" : f.channel())).toList();
    }
}
