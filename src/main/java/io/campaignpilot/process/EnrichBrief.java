package io.campaignpilot.process;

import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.catalog.Offers;
import io.campaignpilot.engine.ProcessNames;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Reads the promoted products from the catalog (price, cost, stock) and records the offer facts. */
@Component("enrichBrief")
public class EnrichBrief implements JavaDelegate {
    private final CampaignRepository campaigns;
    private final Offers offers;

    public EnrichBrief(CampaignRepository campaigns, Offers offers) {
        this.campaigns = campaigns;
        this.offers = offers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String id = Vars.campaignId(execution);
        Campaign c = campaigns.find(id).orElseThrow(() -> new IllegalStateException("no campaign " + id));
        Offers.Offer offer = offers.record(id, c.skus(), c.discountPercent());
        execution.setVariable(ProcessNames.SKUS, String.join(",", offer.skus()));
        execution.setVariable(ProcessNames.CATEGORY, offer.category());
        execution.setVariable(ProcessNames.REGULATED, offer.regulated());
        execution.setVariable(ProcessNames.DISCOUNT_PERCENT, c.discountPercent());
    }
}
