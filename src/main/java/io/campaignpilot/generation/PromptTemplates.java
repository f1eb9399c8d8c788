package io.campaignpilot.generation;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.catalog.Product;
import io.campaignpilot.knowledge.GroundingSource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The prompts, rendered from the versioned Mustache files in {@code prompts/<version>/} so that a prompt change is a
 * reviewed file change with its own version, recorded with every call. Only segment-level facts go in.
 */
public final class PromptTemplates {
    /** Different openings for A/B variants, so variant 2 is not a rewording of variant 1. */
    private static final List<String> ANGLES = List.of(
            "lead with the product's most practical benefit.",
            "lead with the offer and the saving.",
            "lead with the season or the occasion, then the product.",
            "lead with a question the product answers.");

    private final String version;
    private final Template system;
    private final Template user;
    private final Template repair;
    private final GenerationProperties properties;

    public PromptTemplates(GenerationProperties properties) {
        this.properties = properties;
        this.version = properties.promptVersion();
        Mustache.Compiler compiler = Mustache.compiler().escapeHTML(false).defaultValue("");
        this.system = compiler.compile(read("system"));
        this.user = compiler.compile(read("user"));
        this.repair = compiler.compile(read("repair"));
    }

    public String version() {
        return version;
    }

    public String system(Channel channel, String locale) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("brand", "Harbor & Pine");
        context.put("channelName", switch (channel) {
            case EMAIL -> "email";
            case SMS -> "SMS";
            case PUSH -> "push notification";
            case WEB -> "web banner";
            case SOCIAL -> "paid social";
        });
        context.put("locale", locale);
        // "cy-GB" alone is easy for a small model to ignore; the language's name is not
        context.put("language", Locale.forLanguageTag(locale).getDisplayLanguage(Locale.ENGLISH));
        context.put("mergeTag", "{{first_name}}");
        context.put("approvedHosts", properties.approvedUrlHosts());
        GenerationProperties.Limits limits = properties.limits();
        if (channel == Channel.SMS) {
            context.put("sms", true);
            context.put("smsSegments", limits.smsSegments());
            context.put("smsCharacters", limits.maxLength(channel, "text"));
            context.put("smsOptOut", CopyCheck.SMS_OPT_OUT);
        }
        List<Map<String, Object>> fields = new ArrayList<>();
        for (String field : CopyCheck.FIELDS.get(channel)) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", field);
            f.put("max", limits.maxLength(channel, field));
            f.put("hint", switch (field) {
                case "subject" -> "sentence case, names the product";
                case "callToAction" -> "one of the approved calls to action";
                case "body" -> channel == Channel.EMAIL ? "greets with the merge tag, ends with the sign-off" : null;
                default -> null;
            });
            fields.add(f);
        }
        context.put("fields", fields);
        return system.execute(context);
    }

    public String user(GenerationRequest r, String locale, int variantNo, int variantsPerLocale) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("title", r.title());
        context.put("trigger", r.trigger() == null ? "manager's brief" : r.trigger());
        context.put("channel", r.channel().key());
        context.put("region", r.region());
        context.put("locale", locale);
        context.put("segment", r.segment() == null || r.segment().isBlank() ? "all customers in the region" : r.segment());
        context.put("objective", r.objective() == null ? "" : r.objective());
        if (variantsPerLocale > 1) {
            context.put("variantOf", variantsPerLocale);
            context.put("variantNo", variantNo);
            context.put("angle", ANGLES.get((variantNo - 1) % ANGLES.size()));
        }
        List<Map<String, Object>> products = new ArrayList<>();
        for (Product p : r.products()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("sku", p.sku());
            m.put("category", p.category());
            m.put("price", p.price());
            if (r.discountPercent() > 0) {
                m.put("discount", r.discountPercent());
                m.put("salePrice", p.priceAfter(r.discountPercent()));
                m.put("saving", p.price().subtract(p.priceAfter(r.discountPercent())));
            }
            m.put("availability", p.stock() > 0 ? "in stock, while stock lasts" : "out of stock: do not promote");
            products.add(m);
        }
        context.put("products", products);
        List<Map<String, Object>> sources = new ArrayList<>();
        List<String> skus = r.products().stream().map(Product::sku).toList();
        for (GroundingSource s : r.sources()) {
            if (!s.appliesTo(skus)) {
                continue; // a claim about other products must not reach the model, which might use it
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("number", s.number());
            m.put("type", s.type());
            m.put("docId", s.docId());
            m.put("version", s.version());
            m.put("title", s.title().replace("\"", "'"));
            // a source cannot close its own fence
            m.put("text", s.text().replace("</source>", "").replace("<source", "").strip());
            sources.add(m);
        }
        context.put("sources", sources);
        context.put("hasFeedback", !r.feedback().isEmpty());
        context.put("feedback", r.feedback());
        return user.execute(context);
    }

    public String repair(List<String> problems) {
        return repair.execute(Map.of("problems", problems));
    }

    private String read(String name) {
        String path = "prompts/" + version + "/" + name + ".mustache";
        try {
            return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("prompt template " + path + " is missing (campaignpilot.generation.prompt-version="
                    + version + ")", e);
        }
    }
}
