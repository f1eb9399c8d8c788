package io.campaignpilot.trigger;

import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignRepository;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Map;
import java.util.Optional;

/**
 * Turns an accepted trigger event into a running campaign, exactly once per eventId: the campaign row
 * and the process start commit together, and a repeated eventId returns the campaign it started.
 */
@Service
public class TriggerService {
    public static final String TRIGGER_MESSAGE = "CampaignTriggered";

    /** The campaign for the event, and whether this call started it. */
    public record Accepted(Campaign campaign, boolean started) {
    }

    private final CampaignRegistration registration;
    private final CampaignRepository campaigns;
    private final RuntimeService runtime;
    private final TransactionTemplate transaction;

    public TriggerService(CampaignRegistration registration, CampaignRepository campaigns, RuntimeService runtime,
                          TransactionTemplate transaction) {
        this.registration = registration;
        this.campaigns = campaigns;
        this.runtime = runtime;
        this.transaction = transaction;
    }

    public Accepted accept(String eventId, TriggerType type, Brief brief, String user) {
        Optional<Campaign> existing = campaigns.findByTriggerEvent(eventId);
        if (existing.isPresent()) {
            return new Accepted(existing.get(), false);
        }
        try {
            Campaign campaign = transaction.execute(tx -> {
                Campaign c = registration.register(brief, eventId, type, user);
                runtime.createMessageCorrelation(TRIGGER_MESSAGE)
                        .processInstanceBusinessKey(c.id())
                        .setVariables(Map.of("campaignId", c.id(), "triggerType", type.name()))
                        .correlateStartMessage();
                return c;
            });
            return new Accepted(campaigns.find(campaign.id()).orElse(campaign), true);
        } catch (DuplicateKeyException race) {
            // the same event arrived twice at once; the other request won and started the campaign
            return new Accepted(campaigns.findByTriggerEvent(eventId).orElseThrow(() -> race), false);
        }
    }
}
