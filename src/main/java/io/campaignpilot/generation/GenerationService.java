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
import io.campaignpilot.platform.NetworkCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Generates one channel's variants for a campaign round — every locale of the region, N variants each — with the
 * configured generator and the model the routing picks, falling back to the grounded generator on any failure or
 * once the campaign's token budget is spent. Runs with no transaction open (model calls take seconds); each variant
 * is stored with its calls and audit entry in a short transaction of its own as soon as it is written, so a retried
 * task reuses the variants already written instead of paying for them twice.
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
    private final GenerationProperties properties;
    private final Generator primary;
    private final GroundedGenerator fallback;
    private final TransactionTemplate transaction;
    private final GenerationMetrics metrics;

    public GenerationService(CampaignRepository campaigns, Catalog catalog, GroundingStore grounding, VariantStore variants,
                             FeedbackSource feedback, AuditLog audit, GenerationProperties properties,
                             CopyCheck check, GenerationCache cache, ObjectMapper json, TransactionTemplate transaction,
                             GenerationMetrics metrics) {
        this.campaigns = campaigns;
        this.catalog = catalog;
        this.grounding = grounding;
        this.variants = variants;
        this.feedback = feedback;
        this.audit = audit;
        this.properties = properties;
        this.transaction = transaction;
        this.metrics = metrics;
        this.fallback = new GroundedGenerator(properties.limits());
        this.primary = switch (properties.provider().toLowerCase()) {
            case "openai" -> new OpenAiGenerator(new ChatModel(properties.openai(), metrics), new PromptTemplates(properties),
                    check, cache, json);
            case "grounded" -> fallback;
            default -> throw new IllegalStateException("campaignpilot.generation.provider must be grounded or openai, not "
                    + properties.provider());
        };
        log.info("generation provider: {}", primary.name());
    }

    public String provider() {
        return primary.name();
    }

    /**
     * Writes the channel's variants for the round that are not written yet. {@code carryOn} is asked before each
     * variant (the caller renews its lock there); false stops the round early, keeping what was written.
     */
    public List<ChannelVariant> generate(String campaignId, int round, Channel channel, BooleanSupplier carryOn) {
        NetworkCall.outsideTransactions("generating copy for campaign " + campaignId);
        Campaign c = campaigns.find(campaignId).orElseThrow(() -> new IllegalStateException("no campaign " + campaignId));
        List<Product> products = catalog.findAll(c.skus());
        List<GroundingSource> sources = grounding.sources(campaignId);
        if (products.isEmpty() || sources.isEmpty()) {
            throw new IllegalStateException("campaign " + campaignId + " has no products or no grounding sources");
        }
        // the grounded generator has approved phrases in the default locale only: one set of copy, not a mislabelled copy
        List<String> locales = primary == fallback ? List.of(properties.defaultLocale()) : properties.localesFor(c.region());
        int perLocale = Math.max(1, properties.variantsPerChannel());
        List<ChannelVariant> done = new ArrayList<>(variants.find(campaignId, round, channel));
        String model = properties.routing().modelFor(c.tier(), products.stream().anyMatch(Product::regulated),
                properties.openai().model());
        List<String> feedbackForRound = feedback.forNextRound(campaignId);
        for (int l = 0; l < locales.size(); l++) {
            for (int i = 1; i <= perLocale; i++) {
                int variantNo = l * perLocale + i;
                if (done.stream().anyMatch(v -> v.variantNo() == variantNo)) {
                    continue; // written by an earlier attempt of this task
                }
                if (!carryOn.getAsBoolean()) {
                    throw new IllegalStateException("generation of " + channel.key() + " for campaign " + campaignId
                            + " stopped before variant " + variantNo + ": the application is stopping");
                }
                GenerationRequest request = new GenerationRequest(campaignId, round, channel, variantNo, perLocale,
                        locales.get(l), c.title(), c.triggerType(), c.objective(), c.region(), c.segment(),
                        c.discountPercent(), products, sources, feedbackForRound, model);
                done.add(generateOne(request, sources));
            }
        }
        return done;
    }

    private ChannelVariant generateOne(GenerationRequest request, List<GroundingSource> sources) {
        String campaignId = request.campaignId();
        List<CallRecord> calls = new ArrayList<>();
        ChannelVariant variant = null;
        String fallbackReason = null;
        if (primary == fallback) {
            Generation grounded = fallback.generate(request);
            calls.addAll(grounded.calls());
            variant = grounded.variant();
        } else {
            long spent = variants.tokensSpent(campaignId);
            if (spent >= properties.tokenBudget()) {
                fallbackReason = "the campaign's token budget of " + properties.tokenBudget() + " is spent (" + spent + " used)";
            } else {
                try {
                    Generation generated = primary.generate(request);
                    calls.addAll(generated.calls());
                    variant = generated.variant();
                } catch (GenerationFailed e) {
                    calls.addAll(e.calls());
                    fallbackReason = e.getMessage();
                } catch (RuntimeException e) {
                    fallbackReason = e.getClass().getSimpleName() + ": " + e.getMessage();
                }
            }
        }
        if (variant == null && Thread.currentThread().isInterrupted()) {
            // stopping, not a model failure: no fallback copy, the task is taken up again
            throw new IllegalStateException("generation interrupted: " + fallbackReason);
        }
        if (variant == null) {
            log.warn("generator {} gave no usable copy for campaign {} {} #{}: {}; using the grounded fallback",
                    primary.name(), campaignId, request.channel().key(), request.variantNo(), fallbackReason);
            if (!request.locale().equals(properties.defaultLocale())) {
                fallbackReason += " (written in " + properties.defaultLocale() + ": the grounded generator has no "
                        + request.locale() + " phrases)";
            }
            Generation grounded = fallback.generate(request);
            calls.addAll(grounded.calls());
            variant = grounded.variant().asFallback(fallbackReason).withLocale(properties.defaultLocale());
        }
        ChannelVariant written = variant;
        // the calls, the variant and its audit entry together: a retry finds all of them or none
        ChannelVariant stored = transaction.execute(tx -> {
            for (CallRecord call : calls) {
                variants.saveCall(campaignId, request.round(), request.channel().key(), request.variantNo(), call.withCost(cost(call)));
            }
            ChannelVariant saved = variants.save(campaignId, request.round(), written, sources);
            audit.record(campaignId, "generator", "VARIANT_GENERATED", detail(request, saved, calls));
            return saved;
        });
        if (fallbackReason != null) {
            metrics.fallback(request.model());
        }
        return stored;
    }

    /**
     * The round's channels have all been written (the process has joined them): its wall time, from the first
     * variant's start to the last one stored, goes to the metrics. Derived from the stored variants and calls, as the
     * channels may have been written on different nodes.
     */
    public void roundCompleted(String campaignId, int round) {
        variants.roundTook(campaignId, round).ifPresent(metrics::round);
    }

    private static Map<String, Object> detail(GenerationRequest request, ChannelVariant saved, List<CallRecord> calls) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("round", request.round());
        detail.put("channel", request.channel().key());
        detail.put("variant", request.variantNo());
        detail.put("locale", request.locale());
        detail.put("generator", saved.generator());
        detail.put("model", saved.model());
        detail.put("calls", calls.stream().filter(c -> !"grounded".equals(c.generator())).count());
        detail.put("tokens", calls.stream().mapToInt(CallRecord::billedTokens).sum());
        detail.put("citations", saved.citations());
        detail.put("fallbackReason", saved.fallbackReason());
        return detail;
    }


    private BigDecimal cost(CallRecord call) {
        GenerationProperties.Price price = properties.price(call.model());
        if (price == null || call.cacheHit() || call.promptTokens() == null) {
            return call.cacheHit() ? BigDecimal.ZERO : null;
        }
        BigDecimal completion = call.completionTokens() == null ? BigDecimal.ZERO : BigDecimal.valueOf(call.completionTokens());
        return BigDecimal.valueOf(call.promptTokens()).multiply(price.input()).add(completion.multiply(price.output()))
                .divide(BigDecimal.valueOf(1_000_000), 6, RoundingMode.HALF_UP);
    }
}
