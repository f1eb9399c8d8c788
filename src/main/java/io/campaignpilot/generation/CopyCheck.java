package io.campaignpilot.generation;

import io.campaignpilot.campaign.Channel;
import io.campaignpilot.catalog.Product;
import io.campaignpilot.knowledge.GroundingSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every model answer, and every reviewer's edit, must satisfy before it becomes a variant: the channel's fields
 * and nothing else, its limits (SMS counted in GSM-7 or UCS-2 segments), links as judged by {@link LinkCheck} (https
 * only, approved hosts only), the only merge tag {@code {{first_name}}}, and no discount or price the offer and the
 * approved sources do not contain. A model that follows an instruction smuggled into a source fails here, whatever
 * it was told. One bean, so generation and review judge copy against the same allow-list.
 */
@Component
public final class CopyCheck {
    /** The fields of each channel's copy, in the order the review shows them. */
    public static final Map<Channel, List<String>> FIELDS = Map.of(
            Channel.EMAIL, List.of("subject", "preheader", "body", "callToAction"),
            Channel.SMS, List.of("text"),
            Channel.PUSH, List.of("title", "body"),
            Channel.WEB, List.of("headline", "body", "callToAction"),
            Channel.SOCIAL, List.of("primaryText", "headline"));

    static final String SMS_OPT_OUT = "Reply STOP to opt out";
    private static final String GSM7 = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
            + "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM7_EXTENDED = "^{}\\[~]|€";
    private static final Pattern MERGE_TAG = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");

    private final GenerationProperties.Limits limits;
    private final LinkCheck links;

    /**
     * What copy may state about the offer: the campaign's discount, its products' prices and the amounts its
     * grounding sources state.
     */
    public record Offer(int discountPercent, List<Product> products, List<GroundingSource> sources) {
        public static Offer of(GenerationRequest request) {
            return new Offer(request.discountPercent(), request.products(), request.sources());
        }
    }

    @Autowired
    public CopyCheck(GenerationProperties properties) {
        this(properties.limits(), properties.approvedUrlHosts());
    }

    public CopyCheck(GenerationProperties.Limits limits, List<String> approvedHosts) {
        this.limits = limits;
        this.links = new LinkCheck(approvedHosts);
    }

    /** Everything wrong with the copy, each as a sentence the model can act on; empty when it may be used. */
    public List<String> violations(Channel channel, Map<String, ?> answer, GenerationRequest request) {
        return check(channel, answer, Offer.of(request), true);
    }

    /**
     * The same checks for a reviewer's edit of one variant: {@code fields} are all the channel's fields as they would
     * go out, edited ones in place. Citations are not asked for, as an edit keeps the variant's.
     */
    public List<String> editViolations(Channel channel, Map<String, String> fields, Offer offer) {
        return check(channel, fields, offer, false);
    }

    private List<String> check(Channel channel, Map<String, ?> answer, Offer offer, boolean citationsRequired) {
        List<String> problems = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : FIELDS.get(channel)) {
            Object value = answer.get(field);
            if (!(value instanceof String s) || s.isBlank()) {
                problems.add("field \"" + field + "\" is missing or empty");
            } else {
                fields.put(field, s);
            }
        }
        for (String key : answer.keySet()) {
            if (!FIELDS.get(channel).contains(key) && !(citationsRequired && "citations".equals(key))) {
                problems.add("field \"" + key + "\" is not part of the " + channel.key() + " format");
            }
        }
        if (citationsRequired && (!(answer.get("citations") instanceof List<?> cited) || cited.isEmpty())) {
            problems.add("\"citations\" must list the numbers of the sources used");
        }
        for (Map.Entry<String, String> field : fields.entrySet()) {
            checkField(channel, field.getKey(), field.getValue(), problems);
        }
        String all = String.join("\n", fields.values());
        problems.addAll(links.problems(all));
        checkMergeTags(all, problems);
        checkOffer(all, offer, problems);
        return problems;
    }

    private void checkField(Channel channel, String field, String value, List<String> problems) {
        if (channel == Channel.SMS) {
            int segments = smsSegments(value);
            if (segments > limits.smsSegments()) {
                problems.add("the SMS needs " + segments + " segments (" + value.length() + " characters, "
                        + (isGsm7(value) ? "GSM-7" : "UCS-2 because of characters outside GSM-7") + "); at most "
                        + limits.smsSegments() + " allowed, i.e. " + limits.maxLength(channel, field) + " GSM-7 characters");
            }
            if (!value.strip().endsWith(SMS_OPT_OUT)) {
                problems.add("the SMS must end with \"" + SMS_OPT_OUT + "\"");
            }
            return;
        }
        int max = limits.maxLength(channel, field);
        if (value.length() > max) {
            problems.add("\"" + field + "\" has " + value.length() + " characters; at most " + max + " allowed");
        }
    }

    private static void checkMergeTags(String text, List<String> problems) {
        Matcher m = MERGE_TAG.matcher(text);
        while (m.find()) {
            if (!"first_name".equals(m.group(1))) {
                problems.add("the merge tag {{" + m.group(1) + "}} does not exist; only {{first_name}} may be used");
            }
        }
    }

    /** Discounts must be the campaign's; prices must be catalog or sale prices, or amounts an approved source states. */
    private static void checkOffer(String text, Offer offer, List<String> problems) {
        for (StatedOffer.Discount discount : StatedOffer.discounts(text)) {
            if (!discount.is(offer.discountPercent())) {
                problems.add("the copy offers " + discount.percentText() + "% off (\"" + discount.text()
                        + "\"), but the campaign's discount is " + offer.discountPercent() + "%");
            }
        }
        List<BigDecimal> allowed = new ArrayList<>();
        for (Product p : offer.products()) {
            allowed.add(p.price());
            allowed.add(p.priceAfter(offer.discountPercent()));
            allowed.add(p.price().subtract(p.priceAfter(offer.discountPercent())));
        }
        for (GroundingSource source : offer.sources()) {
            StatedOffer.amounts(source.text()).forEach(stated -> allowed.add(stated.pounds()));
        }
        for (StatedOffer.Amount amount : StatedOffer.amounts(text)) {
            if (allowed.stream().noneMatch(amount::is)) {
                problems.add("the amount " + amount.text() + " is neither a price of the offer nor stated in a source");
            }
        }
    }

    /** SMS segments: 160 GSM-7 characters (extended ones count twice) or 70 UCS-2 characters, less when concatenated. */
    public static int smsSegments(String text) {
        if (isGsm7(text)) {
            int units = 0;
            for (char c : text.toCharArray()) {
                units += GSM7_EXTENDED.indexOf(c) >= 0 ? 2 : 1;
            }
            return units <= 160 ? 1 : (int) Math.ceil(units / 153.0);
        }
        int units = text.length();
        return units <= 70 ? 1 : (int) Math.ceil(units / 67.0);
    }

    static boolean isGsm7(String text) {
        for (char c : text.toCharArray()) {
            if (GSM7.indexOf(c) < 0 && GSM7_EXTENDED.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
