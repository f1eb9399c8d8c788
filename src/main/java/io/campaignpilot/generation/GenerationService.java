package io.campaignpilot.generation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.catalog.Catalog;
import io.campaignpilot.catalog.Product;
import io.campaignpilot.knowledge.GroundingSource;
import io.campaignpilot.knowledge.GroundingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates one channel's copy for a campaign round with the configured generator, falling back to the
 * grounded generator on any failure, and records variant and call for review and audit.
 */
@Service
public class GenerationService {
    private static final Logger log = LoggerFactory.getLogger(GenerationService.class);

    private final CampaignRepository campaigns;
    private final Catalog catalog;
    private final GroundingStore grounding;
    private final VariantStore variants;
    private final FeedbackSource feedback;
    private final AuditLog audit;
    private final Generator primary;
    private final GroundedGenerator fallback = new GroundedGenerator();

    public GenerationService(CampaignRepository campaigns, Catalog catalog, GroundingStore grounding, VariantStore variants,
                             FeedbackSource feedback, AuditLog audit, GenerationProperties properties, ObjectMapper json) {
        this.campaigns = campaigns;
        this.catalog = catalog;
        this.grounding = grounding;
        this.variants = variants;
        this.feedback = feedback;
        this.audit = audit;
        this.primary = "openai".equalsIgnoreCase(properties.provider())
                ? new OpenAiGenerator(properties.openai(), json) : fallback;
        log.info("generation provider: {}", primary.name());
    }

    public ChannelVariant generate(String campaignId, int round, Channel channel) {
        Campaign c = campaigns.find(campaignId).orElseThrow(() -> new IllegalStateException("no campaign " + campaignId));
        List<Product> products = catalog.findAll(c.skus());
        List<GroundingSource> sources = grounding.sources(campaignId);
        if (products.isEmpty() || sources.isEmpty()) {
            throw new IllegalStateException("campaign " + campaignId + " has no products or no grounding sources");
        }
        GenerationRequest request = new GenerationRequest(campaignId, round, channel, c.title(), c.objective(), c.region(),
                c.segment(), c.discountPercent(), products, sources, feedback.forNextRound(campaignId));
        Generation result;
        long start = System.nanoTime();
        try {
            result = primary.generate(request);
            variants.saveCall(campaignId, round, channel.key(), primary.name(), result.variant().model(), result.prompt(),
                    result.rawResponse(), result.promptTokens(), result.completionTokens(), millisSince(start), null);
        } catch (RuntimeException e) {
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            variants.saveCall(campaignId, round, channel.key(), primary.name(), null,
                    primary instanceof OpenAiGenerator ? OpenAiGenerator.userPrompt(request) : "", null, null, null,
                    millisSince(start), reason);
            if (primary == fallback) {
                throw e;
            }
            log.warn("generator {} failed for campaign {} {}: {}; using the grounded fallback", primary.name(), campaignId,
                    channel.key(), reason);
            Generation grounded = fallback.generate(request);
            ChannelVariant v = grounded.variant();
            result = new Generation(new ChannelVariant(v.channel(), v.variantNo(), v.fields(), v.citations(),
                    "fallback", null, reason), grounded.prompt(), null, null, null);
        }
        variants.save(campaignId, round, result.variant(), sources);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("round", round);
        detail.put("channel", channel.key());
        detail.put("generator", result.variant().generator());
        detail.put("model", result.variant().model());
        detail.put("citations", result.variant().citations());
        detail.put("fallbackReason", result.variant().fallbackReason());
        audit.record(campaignId, "generator", "VARIANT_GENERATED", detail);
        return result.variant();
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
