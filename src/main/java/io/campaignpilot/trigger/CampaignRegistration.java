package io.campaignpilot.trigger;

import io.campaignpilot.audience.Audiences;
import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignMetrics;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.campaign.CampaignStatus;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.catalog.Catalog;
import io.campaignpilot.catalog.Product;
import io.campaignpilot.catalog.Regions;
import io.campaignpilot.web.FieldError;
import io.campaignpilot.web.InvalidInputException;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Validates a brief against the catalog and registers the campaign it describes. */
@Service
public class CampaignRegistration {
    /** Named audiences are for lists (a day's loyalty milestones, a CRM export); larger audiences are segments. */
    static final int MAX_NAMED_CUSTOMERS = 10_000;

    private final Catalog catalog;
    private final Regions regions;
    private final Audiences audiences;
    private final CampaignRepository campaigns;
    private final AuditLog audit;
    private final CampaignMetrics metrics;

    public CampaignRegistration(Catalog catalog, Regions regions, Audiences audiences, CampaignRepository campaigns, AuditLog audit,
                                CampaignMetrics metrics) {
        this.catalog = catalog;
        this.regions = regions;
        this.audiences = audiences;
        this.campaigns = campaigns;
        this.audit = audit;
        this.metrics = metrics;
    }

    /** Every problem with the brief, each naming its field; empty when the brief is acceptable. */
    public List<FieldError> validate(Brief brief) {
        List<FieldError> errors = new ArrayList<>();
        if (brief.region() == null || brief.region().isBlank()) {
            errors.add(new FieldError("region", "is required"));
        } else if (!regions.contains(brief.region())) {
            errors.add(new FieldError("region", "unknown region " + brief.region() + ": the retailer trades in "
                    + String.join(", ", regions.sorted())));
        }
        boolean noSkus = brief.skus() == null || brief.skus().isEmpty();
        if (noSkus && (brief.category() == null || brief.category().isBlank())) {
            errors.add(new FieldError("skus", "give skus or a category"));
        }
        if (!noSkus) {
            boolean categoryGiven = brief.category() != null && !brief.category().isBlank();
            for (int i = 0; i < brief.skus().size(); i++) {
                String sku = brief.skus().get(i);
                Optional<Product> product = sku == null || sku.isBlank() ? Optional.empty() : catalog.find(sku.trim());
                if (sku == null || sku.isBlank()) {
                    errors.add(new FieldError("skus[" + i + "]", "is empty"));
                } else if (product.isEmpty()) {
                    errors.add(new FieldError("skus[" + i + "]", "unknown SKU " + sku));
                } else if (categoryGiven && !product.get().category().equals(brief.category().trim())) {
                    // the category picks the propensity model and the claims: it must be the promoted products'
                    errors.add(new FieldError("category", sku.trim() + " is in " + product.get().category() + ", not "
                            + brief.category().trim() + ": leave the category empty to take the products' own"));
                }
            }
        }
        if (noSkus && brief.category() != null && !brief.category().isBlank() && !catalog.categoryExists(brief.category())) {
            errors.add(new FieldError("category", "unknown category " + brief.category() + ": no product is in it (categories: "
                    + String.join(", ", catalog.categories()) + ")"));
        }
        if (brief.discountPercent() != null && (brief.discountPercent() < 0 || brief.discountPercent() > 80)) {
            errors.add(new FieldError("discountPercent", "must be between 0 and 80"));
        }
        if (brief.channels() != null) {
            for (int i = 0; i < brief.channels().size(); i++) {
                if (Channel.fromKey(brief.channels().get(i)).isEmpty()) {
                    errors.add(new FieldError("channels[" + i + "]", "unknown channel " + brief.channels().get(i)
                            + "; use email, sms, push, web or social"));
                }
            }
        }
        if (brief.segment() != null && !brief.segment().isBlank() && (brief.segment().length() > 32
                || !audiences.segmentExists(brief.segment()))) {
            List<String> known = new ArrayList<>(List.of("all"));
            known.addAll(audiences.someSegments(10));
            errors.add(new FieldError("segment", "unknown segment " + brief.segment() + ": no customer is in it (segments: "
                    + String.join(", ", known) + (known.size() > 10 ? ", ..." : "") + ")"));
        }
        errors.addAll(namedCustomerErrors(brief));
        if (brief.title() != null && brief.title().length() > 200) {
            errors.add(new FieldError("title", "longer than 200 characters"));
        }
        if (brief.objective() != null && brief.objective().length() > 2000) {
            errors.add(new FieldError("objective", "longer than 2000 characters"));
        }
        return errors;
    }

    /**
     * Named customers are the whole audience: each must exist, not be erased, and live in the brief's region (a
     * campaign's prices and stock are the region's); a segment cannot narrow them too.
     */
    private List<FieldError> namedCustomerErrors(Brief brief) {
        List<FieldError> errors = new ArrayList<>();
        if (!brief.namesCustomers()) {
            return errors;
        }
        if (brief.customers().size() > MAX_NAMED_CUSTOMERS) {
            errors.add(new FieldError("customers", "names " + brief.customers().size() + " customers; a campaign may name at most "
                    + MAX_NAMED_CUSTOMERS + " (give a segment for more)"));
            return errors;
        }
        if (brief.segment() != null && !brief.segment().isBlank() && !"all".equalsIgnoreCase(brief.segment().trim())) {
            errors.add(new FieldError("segment", "give a segment or name customers, not both: named customers are the "
                    + "whole audience"));
        }
        Map<Long, String> regionOf = audiences.regionsOf(brief.customers().stream().filter(java.util.Objects::nonNull).toList());
        List<FieldError> wrong = new ArrayList<>();
        for (int i = 0; i < brief.customers().size(); i++) {
            Long customer = brief.customers().get(i);
            String field = "customers[" + i + "]";
            if (customer == null) {
                wrong.add(new FieldError(field, "is empty"));
            } else if (!regionOf.containsKey(customer)) {
                wrong.add(new FieldError(field, "unknown customer " + customer + " (or their personal data was erased)"));
            } else if (brief.region() != null && regions.contains(brief.region()) && !brief.region().equals(regionOf.get(customer))) {
                wrong.add(new FieldError(field, "customer " + customer + " is in the " + regionOf.get(customer) + ", not the "
                        + brief.region() + ": a campaign's customers are in its region"));
            }
        }
        errors.addAll(wrong.subList(0, Math.min(wrong.size(), 20)));
        if (wrong.size() > 20) {
            errors.add(new FieldError("customers", (wrong.size() - 20) + " more customers are wrong in the same ways"));
        }
        return errors;
    }

    /** Registers a validated brief as a RUNNING campaign; throws {@link InvalidInputException} otherwise. */
    public Campaign register(Brief brief, String eventId, TriggerType type, String createdBy) {
        List<FieldError> errors = validate(brief);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        List<String> skus = brief.skus() == null || brief.skus().isEmpty()
                ? catalog.topOfCategory(brief.category(), 3).stream().map(Product::sku).toList()
                : brief.skus().stream().map(String::trim).distinct().toList();
        Product hero = catalog.find(skus.getFirst()).orElseThrow();
        List<Channel> channels = brief.channels() == null || brief.channels().isEmpty()
                ? List.of(Channel.EMAIL) : brief.channels().stream().map(Channel::of).distinct().toList();
        String title = brief.title() == null || brief.title().isBlank()
                ? titleFor(type, hero, brief.region()) : brief.title().trim();
        String id = UUID.randomUUID().toString();
        Campaign campaign = new Campaign(id, eventId == null ? "brief-" + id : eventId, type.name(), title, brief.region(),
                brief.category() == null || brief.category().isBlank() ? hero.category() : brief.category(), skus,
                brief.discountPercent() == null ? defaultDiscount(type) : brief.discountPercent(), channels,
                brief.segment() == null || brief.segment().isBlank() ? "all" : brief.segment(), brief.objective(),
                CampaignStatus.RUNNING, null, null, null, createdBy, null, null, null);
        campaigns.insert(campaign);
        List<Long> named = brief.customers().stream().distinct().toList();
        audiences.name(id, named);
        metrics.started(type.name());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("eventId", campaign.triggerEventId());
        detail.put("type", type.name());
        detail.put("skus", skus);
        detail.put("region", brief.region());
        detail.put("discountPercent", campaign.discountPercent());
        detail.put("channels", Channel.toCsv(channels));
        if (!named.isEmpty()) {
            detail.put("namedCustomers", named.size());
        }
        audit.record(id, createdBy, "CAMPAIGN_REGISTERED", detail);
        return campaigns.find(id).orElseThrow();
    }

    /** Links a registered campaign to the process instance that runs it, so history and the campaign find each other. */
    public Campaign linkProcess(String campaignId, String processInstanceId) {
        Campaign campaign = campaigns.find(campaignId)
                .orElseThrow(() -> new IllegalStateException("no campaign " + campaignId));
        campaigns.linkProcess(campaignId, processInstanceId);
        audit.record(campaignId, campaign.createdBy(), "PROCESS_STARTED", Map.of("processInstanceId", processInstanceId));
        return campaign;
    }

    private static String titleFor(TriggerType type, Product hero, String region) {
        String what = switch (type) {
            case OVERSTOCK -> "Overstock";
            case SEASONAL_LAUNCH -> "Seasonal launch";
            case LOYALTY_MILESTONE -> "Loyalty thank-you";
            case CONVERSION_DROP -> "Win-back";
            case BACK_IN_STOCK -> "Back in stock";
            case BRIEF -> "Brief";
        };
        return what + ": " + hero.name() + " (" + region + ")";
    }

    private static int defaultDiscount(TriggerType type) {
        return switch (type) {
            case OVERSTOCK -> 20;
            case CONVERSION_DROP, LOYALTY_MILESTONE -> 10;
            default -> 0;
        };
    }
}
