package io.campaignpilot.policy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpilot.audience.AudienceSummary;
import io.campaignpilot.audience.Audiences;
import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.catalog.Catalog;
import io.campaignpilot.catalog.Product;
import io.campaignpilot.generation.ChannelVariant;
import io.campaignpilot.generation.VariantStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks a campaign's latest variants against the rules and records the decision with its rules version. */
@Service
public class PolicyService {
    /** The outcome the process needs: the tier and the channels still worth publishing to. */
    public record Outcome(RiskTier tier, List<Finding> findings, List<Channel> channels, String rulesVersion) {
    }

    private final PolicyEngine engine;
    private final CampaignRepository campaigns;
    private final Catalog catalog;
    private final Audiences audiences;
    private final VariantStore variants;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public PolicyService(PolicyEngine engine, CampaignRepository campaigns, Catalog catalog, Audiences audiences,
                         VariantStore variants, AuditLog audit, JdbcClient jdbc, ObjectMapper json) {
        this.engine = engine;
        this.campaigns = campaigns;
        this.catalog = catalog;
        this.audiences = audiences;
        this.variants = variants;
        this.audit = audit;
        this.jdbc = jdbc;
        this.json = json;
    }

    public Outcome check(String campaignId, int round, String checkpoint) {
        Campaign c = campaigns.find(campaignId).orElseThrow(() -> new IllegalStateException("no campaign " + campaignId));
        List<Product> products = catalog.findAll(c.skus());
        AudienceSummary audience = audiences.summary(campaignId);
        List<ChannelVariant> latest = variants.latest(campaignId);

        List<Object> facts = new ArrayList<>();
        boolean regulated = products.stream().anyMatch(Product::regulated);
        facts.add(new CampaignFact(campaignId, c.region(), c.category(), c.discountPercent(), audience.treatment(), regulated));
        for (Product p : products) {
            facts.add(new OfferFact(p.sku(), p.name(), p.category(), p.regulated(), p.price().doubleValue(),
                    p.priceAfter(c.discountPercent()).doubleValue(), c.discountPercent(), p.marginAfter(c.discountPercent()),
                    p.stock()));
        }
        for (Channel channel : c.channels()) {
            facts.add(new AudienceFact(channel.key(), audience.eligible(channel)));
        }
        for (ChannelVariant v : latest) {
            facts.add(new VariantFact(v.channel().key(), v.variantNo(), v.allText(),
                    v.fields().getOrDefault("text", "").length(), v.fields().getOrDefault("subject", "").length(),
                    v.generator()));
        }
        PolicyResult result = engine.evaluate(facts);
        List<Channel> channels = c.channels().stream().filter(ch -> audience.eligible(ch) > 0).toList();
        String version = engine.version();

        jdbc.sql("""
                insert into policy_decision (campaign_id, round, checkpoint, tier, rules_version, findings, decided_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(campaignId, round, checkpoint, result.tier().name(), version, write(result.findings()),
                        Timestamp.from(Instant.now()))
                .update();
        campaigns.updateTier(campaignId, result.tier().name());
        audit.record(campaignId, "policy", "POLICY_CHECKED", Map.of("round", round, "checkpoint", checkpoint,
                "tier", result.tier().name(), "rulesVersion", version, "findings", result.findings().size()));
        return new Outcome(result.tier(), result.findings(), channels, version);
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
