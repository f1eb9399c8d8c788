package io.campaignpilot.targeting;

import io.campaignpilot.catalog.Catalog;
import io.campaignpilot.catalog.Product;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What each candidate of an offer is worth: the category model's propensity times the margin the offer keeps after
 * its discount (per purchase, averaged over the promoted products). Scored in Java from the stored weights, on
 * features read in three queries, so audience selection stays quick.
 */
@Component
public class ExpectedValues {
    /**
     * How an audience is ranked. With a model: every candidate's expected value and the floor under which they are
     * left out. Without one: {@code values} is empty and the rule (consent, segment, cap, holdout) decides alone.
     *
     * @param basis what the evidence says about it, in words
     */
    public record Ranking(Optional<PropensityModel> model, String category, double marginPerPurchase, double floor,
                          Map<Long, Double> values, String basis) {
        public boolean byModel() {
            return model.isPresent();
        }

        /** Candidates at or above the floor. */
        public long aboveFloor() {
            return values.values().stream().filter(v -> v >= floor).count();
        }
    }

    private final Catalog catalog;
    private final PurchaseFeatures features;
    private final PropensityModels models;
    private final BigDecimal floor;

    public ExpectedValues(Catalog catalog, PurchaseFeatures features, PropensityModels models, TargetingProperties properties) {
        this.catalog = catalog;
        this.features = features;
        this.models = models;
        this.floor = properties.expectedValueFloor();
    }

    /** Ranks the region's customers (of the segment, or all) for an offer of these products at this discount. */
    public Ranking rank(String category, List<String> skus, int discountPercent, String region, String segment) {
        List<Product> products = catalog.findAll(skus);
        if (products.isEmpty() && category != null) {
            products = catalog.topOfCategory(category, 3);
        }
        String modelCategory = category != null ? category : products.isEmpty() ? null : products.get(0).category();
        if (modelCategory == null) {
            return rule(null, "rule: no category to predict purchases in");
        }
        Optional<PropensityModel> model = models.current(modelCategory);
        if (model.isEmpty()) {
            return rule(modelCategory, "rule: no propensity model for " + modelCategory + " yet (everyone in the segment who "
                    + "consents and is under the frequency cap)");
        }
        double margin = products.stream().mapToDouble(p -> p.priceAfter(discountPercent).subtract(p.unitCost()).doubleValue())
                .average().orElse(0);
        Map<Long, Double> values = new LinkedHashMap<>();
        features.at(modelCategory, Instant.now(), new PurchaseFeatures.Population(region, segment))
                .forEach((id, raw) -> values.put(id, model.get().propensity(raw) * margin));
        return new Ranking(model, modelCategory, margin, floor.doubleValue(), values, String.format(Locale.ROOT,
                "expected value = propensity x margin after discount (%.2f per purchase), floor %.2f: %s", margin,
                floor.doubleValue(), model.get().describe()));
    }

    /** No ranking: the trigger named its customers, and they are the audience. */
    public Ranking named(int customers) {
        return rule(null, "named: the trigger named " + customers + (customers == 1 ? " customer" : " customers")
                + " (everyone of them who consents and is under the frequency cap)");
    }

    private Ranking rule(String category, String basis) {
        return new Ranking(Optional.empty(), category, 0, floor.doubleValue(), Map.of(), basis);
    }
}
