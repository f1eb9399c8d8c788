package io.campaignpilot.policy;

import io.campaignpilot.audience.AudienceSummary;
import io.campaignpilot.audience.Audiences;
import io.campaignpilot.audience.FrequencyCap;
import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.catalog.Catalog;
import io.campaignpilot.catalog.Product;
import io.campaignpilot.generation.ChannelVariant;
import io.campaignpilot.generation.CopyCheck;
import io.campaignpilot.generation.GenerationProperties;
import io.campaignpilot.generation.StatedOffer;
import io.campaignpilot.knowledge.GroundingSource;
import io.campaignpilot.knowledge.GroundingStore;
import io.campaignpilot.knowledge.KnowledgeDocument;
import io.campaignpilot.knowledge.KnowledgeFormats;
import io.campaignpilot.knowledge.KnowledgeStore;
import io.campaignpilot.knowledge.KnowledgeType;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gathers everything the rules judge a campaign on, as facts: the campaign, its offers with today's catalog prices and
 * the region's stock, the audience per channel, every variant with its sentences, amounts and discounts, the approved
 * claims and required disclosures, and the thresholds and channel limits from configuration.
 */
@Component
public class CampaignFacts {
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\n+");
    private static final Pattern REQUIRED_LINE = Pattern.compile("carries the line \"([^\"]+)\"");

    private final Catalog catalog;
    private final Audiences audiences;
    private final KnowledgeStore knowledge;
    private final GroundingStore grounding;
    private final GenerationProperties generation;
    private final PolicyProperties properties;
    private final FrequencyCap frequency;

    public CampaignFacts(Catalog catalog, Audiences audiences, KnowledgeStore knowledge, GroundingStore grounding,
                         GenerationProperties generation, PolicyProperties properties, FrequencyCap frequency) {
        this.catalog = catalog;
        this.audiences = audiences;
        this.knowledge = knowledge;
        this.grounding = grounding;
        this.generation = generation;
        this.properties = properties;
        this.frequency = frequency;
    }

    public List<Object> collect(Campaign c, List<ChannelVariant> variants) {
        List<Product> products = catalog.findAll(c.skus());
        AudienceSummary audience = audiences.summary(c.id());
        List<Object> facts = new ArrayList<>();
        Set<String> categories = new LinkedHashSet<>();
        products.forEach(p -> categories.add(p.category()));
        boolean sensitive = categories.stream().anyMatch(cat -> properties.thresholdsFor(cat).sensitive());
        facts.add(new CampaignFact(c.id(), c.region(), c.triggerType(), c.discountPercent(),
                audiences.reach(c.id(), c.channels()), products.stream().anyMatch(Product::regulated), sensitive));
        for (Product p : products) {
            facts.add(offer(p, c.discountPercent(), c.region(), catalog.stockIn(p.sku(), c.region())));
        }
        categories.forEach(cat -> facts.add(properties.thresholdsFor(cat)));
        facts.add(properties.thresholds(frequency));
        for (Channel channel : c.channels()) {
            facts.add(new AudienceFact(channel.key(), audience.treatment(), audience.consented(channel),
                    audience.capped(channel), audience.eligible(channel)));
        }
        facts.addAll(limits());
        facts.addAll(copy(variants, products));
        facts.addAll(approvedClaims(products));
        facts.addAll(disclosures(c.region(), categories));
        for (GroundingSource s : grounding.sources(c.id())) {
            StatedOffer.amounts(s.text()).forEach(amount -> facts.add(new ApprovedAmount(amount.pence(), s.docId())));
        }
        return facts;
    }

    static OfferFact offer(Product p, int discountPercent, String region, int stockInRegion) {
        int price = pence(p.price());
        int sale = pence(p.priceAfter(discountPercent));
        return new OfferFact(p.sku(), p.name(), p.category(), p.regulated(), p.constrained(), price, sale, price - sale,
                pence(p.unitCost()), discountPercent, p.marginAfter(discountPercent), region, stockInRegion);
    }

    /** The variants, each sentence of them, and every amount and discount they state. */
    static List<Object> copy(List<ChannelVariant> variants, List<Product> products) {
        List<Object> facts = new ArrayList<>();
        for (ChannelVariant v : variants) {
            String channel = v.channel().key();
            facts.add(new VariantFact(channel, v.variantNo(), v.locale(), v.fields(), v.citations(), v.generator(),
                    v.channel() == Channel.SMS ? CopyCheck.smsSegments(v.fields().getOrDefault("text", "")) : 0));
            for (String field : v.fields().values()) {
                for (String sentence : SENTENCE_END.split(field)) {
                    if (!sentence.isBlank()) {
                        facts.add(new CopySentence(channel, v.variantNo(), sentence.strip(), withoutNames(sentence, products)));
                    }
                }
                for (StatedOffer.Amount amount : StatedOffer.amounts(field)) {
                    facts.add(new StatedAmount(channel, v.variantNo(), amount.pence(), amount.text()));
                }
                for (StatedOffer.Discount discount : StatedOffer.discounts(field)) {
                    facts.add(new StatedDiscount(channel, v.variantNo(), discount.percent(), discount.text()));
                }
            }
        }
        return facts;
    }

    List<ChannelLimit> limits() {
        List<ChannelLimit> limits = new ArrayList<>();
        GenerationProperties.Limits configured = generation.limits();
        CopyCheck.FIELDS.forEach((channel, fields) -> {
            if (channel != Channel.SMS) { // SMS is limited by segments, not characters
                fields.forEach(f -> limits.add(new ChannelLimit(channel.key(), f, configured.maxLength(channel, f))));
            }
        });
        limits.add(new ChannelLimit(Channel.SMS.key(), "segments", configured.smsSegments()));
        return limits;
    }

    /**
     * Approved, effective claims from the claims library (all of them, so the rules can also tell when copy repeats a
     * claim about another product), and the sentences of the promoted products' descriptions.
     */
    List<ApprovedClaim> approvedClaims(List<Product> products) {
        List<ApprovedClaim> claims = new ArrayList<>();
        for (KnowledgeStore.StoredVersion stored : knowledge.allCurrent()) {
            KnowledgeDocument d = stored.document();
            if (d.type() == KnowledgeType.CLAIM && inForce(d)) {
                claims.addAll(ApprovedClaim.sentencesOf(d.id(), d.version(), claimText(d.text()), d.categories(),
                        d.products()));
            }
        }
        for (Product p : products) {
            // a description speaks for its own product only
            claims.addAll(ApprovedClaim.sentencesOf("catalog:" + p.sku(), 0, p.description(), List.of(p.category()),
                    List.of(p.sku())));
        }
        return claims;
    }

    /** Lines that approved policies in force require on messages about these categories in this region. */
    List<RequiredDisclosure> disclosures(String region, Set<String> categories) {
        List<RequiredDisclosure> lines = new ArrayList<>();
        for (KnowledgeStore.StoredVersion stored : knowledge.allCurrent()) {
            KnowledgeDocument d = stored.document();
            if (d.type() != KnowledgeType.POLICY || !inForce(d)
                    || !(d.regions().contains("all") || d.regions().contains(region))) {
                continue;
            }
            Matcher line = REQUIRED_LINE.matcher(d.text());
            while (line.find()) {
                for (String category : categories) {
                    if (d.categories().contains(category) || d.categories().contains("all")) {
                        lines.add(new RequiredDisclosure(category, line.group(1), d.id(), d.version()));
                    }
                }
            }
        }
        return lines;
    }

    /** A claim document is the claim, then its evidence: only the claim is what copy may say. */
    static String claimText(String document) {
        int evidence = document.indexOf(KnowledgeFormats.EVIDENCE_PREFIX);
        return (evidence < 0 ? document : document.substring(0, evidence)).strip();
    }

    private static boolean inForce(KnowledgeDocument d) {
        LocalDate today = LocalDate.now();
        return KnowledgeDocument.APPROVED.equals(d.status())
                && (d.effectiveFrom() == null || !d.effectiveFrom().isAfter(today))
                && (d.effectiveTo() == null || !d.effectiveTo().isBefore(today));
    }

    private static String withoutNames(String sentence, List<Product> products) {
        String text = sentence;
        for (Product p : products) {
            text = Pattern.compile(Pattern.quote(p.name()), Pattern.CASE_INSENSITIVE).matcher(text).replaceAll("the product");
        }
        return text;
    }

    static int pence(BigDecimal amount) {
        return amount.movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP).intValueExact();
    }
}
