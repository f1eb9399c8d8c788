package io.campaignpilot.trigger;

import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.engine.CampaignEngine;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Optional;

/**
 * Turns an accepted trigger event into a running campaign, exactly once per eventId: the campaign row
 * and the process start commit together, and a repeated eventId returns the campaign it started.
 */
@Service
public class TriggerService {
    /** The campaign for the event, and whether this call started it. */
    public record Accepted(Campaign campaign, boolean started) {
    }

    private final CampaignRegistration registration;
    private final CampaignRepository campaigns;
    private final CampaignEngine engine;
    private final TransactionTemplate transaction;

    public TriggerService(CampaignRegistration registration, CampaignRepository campaigns, CampaignEngine engine,
                          TransactionTemplate transaction) {
        this.registration = registration;
        this.campaigns = campaigns;
        this.engine = engine;
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
                engine.startLifecycle(c.id(), type.name());
                return c;
            });
            return new Accepted(campaigns.find(campaign.id()).orElse(campaign), true);
        } catch (DuplicateKeyException race) {
            // the same event arrived twice at once; the other request won and started the campaign
            return new Accepted(campaigns.findByTriggerEvent(eventId).orElseThrow(() -> race), false);
        }
    }
}
