package io.campaignpilot.generation;

import io.campaignpilot.campaign.Channel;
import io.campaignpilot.catalog.Product;
import io.campaignpilot.knowledge.GroundingSource;
import io.campaignpilot.knowledge.KnowledgeType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic copy composed only from approved phrases (brand voice, claims, required disclosures)
 * and catalog facts. It cannot invent a price or a claim, which is why it is the default and the fallback.
 */
public class GroundedGenerator implements Generator {
    private static final Pattern REQUIRED_LINE = Pattern.compile("carries the line \"([^\"]+)\"");
    static final String SMS_OPT_OUT = CopyCheck.SMS_OPT_OUT;

    /** The limits a campaign's copy is judged by (campaignpilot.generation.limits). */
    private final GenerationProperties.Limits limits;

    public GroundedGenerator(GenerationProperties.Limits limits) {
        this.limits = limits;
    }

    @Override
    public String name() {
        return "grounded";
    }

    @Override
    public Generation generate(GenerationRequest r) {
        Product hero = r.products().getFirst();
        Set<Integer> cited = new LinkedHashSet<>();
        String opening = pick(listUnder(r.sources(), "Approved openings:", cited), r, "Good things for everyday living.");
        String cta = pick(listUnder(r.sources(), "Approved calls to action:", cited), r, "See the details");
        String claim = claim(r.sources(), hero, cited).orElse(null);
        List<String> disclosures = disclosures(r.sources(), cited);
        r.sources().stream().filter(s -> s.type() == KnowledgeType.PRODUCT_FACT && s.docId().equals(io.campaignpilot.knowledge.KnowledgeCorpus.productFactId(hero.sku())))
                .findFirst().ifPresent(s -> cited.add(s.number()));
        String price = r.discountPercent() > 0
                ? "now £" + hero.priceAfter(r.discountPercent()) + " (" + r.discountPercent() + "% off £" + hero.price() + ")"
                : "£" + hero.price();
        String offer = hero.name() + ", " + price + ".";
        String firstSentence = hero.description().split("(?<=\\.)\\s")[0];

        Map<String, String> fields = new LinkedHashMap<>();
        switch (r.channel()) {
            case EMAIL -> {
                fields.put("subject", fit(hero.name() + (r.discountPercent() > 0 ? ": " + r.discountPercent() + "% off" : ""), limits.emailSubject()));
                fields.put("preheader", opening);
                StringBuilder body = new StringBuilder("Hi {{first_name}},\n\n").append(opening).append(' ')
                        .append(firstSentence).append("\n\n").append("The ").append(offer);
                if (claim != null) {
                    body.append(' ').append(claim);
                }
                disclosures.forEach(d -> body.append("\n\n").append(d));
                body.append("\n\n").append(cta).append(".\n\nThe Harbor & Pine team");
                fields.put("body", body.toString());
                fields.put("callToAction", cta);
            }
            case SMS -> fields.put("text", sms(r, hero, price, disclosures));
            case PUSH -> {
                fields.put("title", fit(hero.name() + (r.discountPercent() > 0 ? " " + r.discountPercent() + "% off" : ""), limits.pushTitle()));
                String priceLine = price.substring(0, 1).toUpperCase() + price.substring(1) + ".";
                // a required disclosure takes the place of the opening: policy wants it on every message
                // policy asks push bodies to stay under 120 characters; a required disclosure may use the channel's limit
                fields.put("body", disclosures.isEmpty() ? fit(priceLine + " " + opening, Math.min(120, limits.pushBody()))
                        : fit(priceLine + " " + disclosures.getFirst(), limits.pushBody()));
            }
            case WEB -> {
                String required = disclosures.stream().map(d -> " " + d).reduce("", String::concat);
                fields.put("headline", fit(opening, limits.webHeadline()));
                fields.put("body", longestThatFits(limits.webBody(), offer + (claim == null ? "" : " " + claim) + required,
                        offer + required));
                fields.put("callToAction", fit(cta, limits.callToAction()));
            }
            case SOCIAL -> {
                // a disclosure is never cut: the opening and the claim give way first
                String required = disclosures.stream().map(d -> " " + d).reduce("", String::concat);
                fields.put("primaryText", longestThatFits(limits.socialPrimaryText(),
                        opening + " " + offer + (claim == null ? "" : " " + claim) + required,
                        opening + " " + offer + required, offer + required));
                fields.put("headline", fit(hero.name(), limits.socialHeadline()));
            }
        }
        ChannelVariant variant = new ChannelVariant(r.channel(), r.variantNo(), fields, new ArrayList<>(cited), name(), null, null)
                .withLocale(r.locale());
        CallRecord call = new CallRecord(name(), "initial", null, null, Map.of(),
                "grounded composition from sources " + cited + " and catalog facts for " + hero.sku(), null, null, null, null,
                0, 0, false, null, "GROUNDED", null);
        return new Generation(variant, List.of(call));
    }

    /**
     * The fullest SMS that fits the configured segments (the limit CopyCheck and the rules apply) with the opt-out:
     * brand, offer and disclosure; then the offer without the brand and the regular price, so that a required
     * disclosure still fits; the disclosure is left out only when nothing else fits (the rules then drop or block it).
     */
    private String sms(GenerationRequest r, Product hero, String price, List<String> disclosures) {
        int max = limits.maxLength(Channel.SMS, "text");
        String base = "Harbor & Pine: " + hero.name() + " " + price + ".";
        String disclosure = disclosures.isEmpty() ? "" : " " + disclosures.getFirst();
        String shortOffer = hero.name() + (r.discountPercent() > 0 ? " now £" + hero.priceAfter(r.discountPercent()) : " £" + hero.price()) + ".";
        for (String candidate : List.of(base + disclosure, shortOffer + disclosure)) {
            String text = candidate + " " + SMS_OPT_OUT;
            if (text.length() <= max) {
                return text;
            }
        }
        // "…" is not a GSM-7 character and would turn the SMS into UCS-2 (70 characters a segment)
        return fit(base, max - SMS_OPT_OUT.length() - 3).replace("…", "...") + " " + SMS_OPT_OUT;
    }

    private static List<String> listUnder(List<GroundingSource> sources, String heading, Set<Integer> cited) {
        for (GroundingSource s : sources) {
            if (s.type() != KnowledgeType.BRAND_VOICE || !s.text().contains(heading)) {
                continue;
            }
            List<String> items = new ArrayList<>();
            boolean inList = false;
            for (String line : s.text().split("\\R")) {
                if (line.trim().equals(heading)) {
                    inList = true;
                } else if (inList && line.trim().startsWith("- ")) {
                    items.add(line.trim().substring(2).trim());
                } else if (inList && !line.isBlank()) {
                    break;
                }
            }
            if (!items.isEmpty()) {
                cited.add(s.number());
                return items;
            }
        }
        return List.of();
    }

    /** The first claim retrieved that holds for the product the copy is about: another product's claim is false. */
    private static Optional<String> claim(List<GroundingSource> sources, Product hero, Set<Integer> cited) {
        return sources.stream().filter(s -> s.type() == KnowledgeType.CLAIM && s.appliesTo(List.of(hero.sku())))
                .findFirst().map(s -> {
            cited.add(s.number());
            return s.text().split("\\R")[0].trim();
        });
    }

    private static List<String> disclosures(List<GroundingSource> sources, Set<Integer> cited) {
        List<String> lines = new ArrayList<>();
        for (GroundingSource s : sources) {
            if (s.type() != KnowledgeType.POLICY) {
                continue;
            }
            Matcher m = REQUIRED_LINE.matcher(s.text());
            while (m.find()) {
                lines.add(m.group(1));
                cited.add(s.number());
            }
        }
        return lines;
    }

    private static String pick(List<String> options, GenerationRequest r, String fallback) {
        if (options.isEmpty()) {
            return fallback;
        }
        int index = Math.floorMod((r.campaignId() + r.round() + "/" + r.variantNo()).hashCode(), options.size());
        return options.get(index);
    }

    /** The first candidate within the limit, else the last one cut to it. */
    static String longestThatFits(int max, String... candidates) {
        for (String candidate : candidates) {
            if (candidate.length() <= max) {
                return candidate;
            }
        }
        return fit(candidates[candidates.length - 1], max);
    }

    static String fit(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max - 1);
        return text.substring(0, cut > max / 2 ? cut : max - 1).stripTrailing() + "…";
    }
}
