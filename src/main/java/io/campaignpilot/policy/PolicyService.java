package io.campaignpilot.policy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.generation.ChannelVariant;
import io.campaignpilot.generation.VariantStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges a campaign's copy with the rules serving now and records the decision (checkpoint, rules version, findings,
 * tier): before review on the generated variants, on a reviewer's edits, and again just before publishing.
 */
@Service
// judges only once this node has joined the cluster's active rule set
@DependsOn("clusterRules")
public class PolicyService {
    private static final Logger log = LoggerFactory.getLogger(PolicyService.class);
    /** The check of freshly generated copy, which sets the tier the review is routed by. */
    public static final String PRE_REVIEW = "PRE_REVIEW";
    /** The outcome the process needs: the tier, the findings, the channels still worth publishing to, and the rules version. */
    public record Outcome(RiskTier tier, List<Finding> findings, List<Channel> channels, String rulesVersion) {

        public List<Finding> blocking() {
            return findings.stream().filter(f -> f.severity() == Severity.BLOCK).toList();
        }
    }

    private final PolicyEngine engine;
    private final CampaignFacts facts;
    private final CampaignRepository campaigns;
    private final VariantStore variants;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final PolicyMetrics metrics;

    public PolicyService(PolicyEngine engine, CampaignFacts facts, CampaignRepository campaigns, VariantStore variants,
                         AuditLog audit, JdbcClient jdbc, ObjectMapper json, PolicyMetrics metrics) {
        this.engine = engine;
        this.facts = facts;
        this.campaigns = campaigns;
        this.variants = variants;
        this.audit = audit;
        this.jdbc = jdbc;
        this.json = json;
        this.metrics = metrics;
    }

    /** Judges the latest round's variants, records the decision and sets the campaign's tier. */
    public Outcome check(String campaignId, int round, String checkpoint) {
        Campaign c = campaigns.find(campaignId).orElseThrow(() -> new IllegalStateException("no campaign " + campaignId));
        Outcome outcome = judge(c, variants.latest(campaignId));
        record(campaignId, round, checkpoint, outcome);
        // new copy is judged afresh; a later check of the same copy may raise the tier, never lower it
        if (PRE_REVIEW.equals(checkpoint) || c.tier() == null || outcome.tier().compareTo(RiskTier.valueOf(c.tier())) > 0) {
            campaigns.updateTier(campaignId, outcome.tier().name());
        }
        return outcome;
    }

    public List<ChannelVariant> latestVariants(String campaignId) {
        return variants.latest(campaignId);
    }

    /** Judges the given copy (a reviewer's edits, say) without recording anything. */
    public Outcome judge(Campaign c, List<ChannelVariant> copy) {
        PolicyEngine.RuleSet rules = engine.current();
        List<Object> collected = facts.collect(c, copy);
        PolicyResult result = metrics.evaluated(rules.version(), () -> PolicyEngine.evaluate(rules, collected));
        List<Channel> channels = c.channels().stream().filter(ch -> !result.dropped().contains(ch.key())).toList();
        return new Outcome(result.tier(), result.findings(), channels, rules.version());
    }

    /** Records a decision; public so that a reviewer's edit is on the record with the findings it got. */
    public void record(String campaignId, int round, String checkpoint, Outcome outcome) {
        jdbc.sql("""
                insert into policy_decision (campaign_id, round, checkpoint, tier, rules_version, findings, decided_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(campaignId, round, checkpoint, outcome.tier().name(), outcome.rulesVersion(), write(outcome.findings()),
                        Timestamp.from(Instant.now()))
                .update();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("round", round);
        detail.put("checkpoint", checkpoint);
        detail.put("tier", outcome.tier().name());
        detail.put("rulesVersion", outcome.rulesVersion());
        detail.put("findings", outcome.findings().size());
        detail.put("blocking", outcome.blocking().stream().map(Finding::code).toList());
        detail.put("channels", outcome.channels().stream().map(Channel::key).toList());
        audit.record(campaignId, "policy", "POLICY_CHECKED", detail);
        if (!outcome.blocking().isEmpty()) {
            log.info("campaign {} round {} {} blocked by rules {}: {}", campaignId, round, checkpoint, outcome.rulesVersion(),
                    outcome.blocking().stream().map(Finding::message).toList());
        }
    }

    public List<PolicyDecision> decisions(String campaignId) {
        return jdbc.sql("select * from policy_decision where campaign_id = ? order by id").param(campaignId)
                .query((rs, i) -> new PolicyDecision(rs.getInt("round"), rs.getString("checkpoint"),
                        RiskTier.valueOf(rs.getString("tier")), rs.getString("rules_version"),
                        read(rs.getString("findings")), rs.getTimestamp("decided_at").toInstant()))
                .list();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Finding> read(String text) {
        try {
            return json.readValue(text, new TypeReference<>() {
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
