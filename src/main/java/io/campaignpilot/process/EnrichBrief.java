package io.campaignpilot.process;

import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.catalog.Catalog;
import io.campaignpilot.catalog.Product;
import io.campaignpilot.engine.ProcessNames;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the promoted products from the catalog (price, cost, stock) and records the offer facts. */
@Component("enrichBrief")
public class EnrichBrief implements JavaDelegate {
    private final CampaignRepository campaigns;
    private final Catalog catalog;
    private final AuditLog audit;

    public EnrichBrief(CampaignRepository campaigns, Catalog catalog, AuditLog audit) {
        this.campaigns = campaigns;
        this.catalog = catalog;
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String id = Vars.campaignId(execution);
        Campaign c = campaigns.find(id).orElseThrow();
        List<Product> products = catalog.findAll(c.skus());
        if (products.isEmpty()) {
            throw new IllegalStateException("none of " + c.skus() + " is in the catalog any more");
        }
        execution.setVariable(ProcessNames.SKUS, String.join(",", products.stream().map(Product::sku).toList()));
        execution.setVariable(ProcessNames.CATEGORY, products.getFirst().category());
        execution.setVariable(ProcessNames.REGULATED, products.stream().anyMatch(Product::regulated));
        execution.setVariable(ProcessNames.DISCOUNT_PERCENT, c.discountPercent());
        Map<String, Object> offer = new LinkedHashMap<>();
        for (Product p : products) {
            offer.put(p.sku(), Map.of("price", p.price(), "salePrice", p.priceAfter(c.discountPercent()),
                    "unitCost", p.unitCost(), "stock", p.stock(), "marginAfterDiscount", p.marginAfter(c.discountPercent())));
        }
        audit.record(id, "catalog", "BRIEF_ENRICHED", offer);
    }
}
