package io.campaignpilot.overview;

import io.campaignpilot.audience.Audiences;
import io.campaignpilot.audit.AuditLog;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.engine.CampaignEngine;
import io.campaignpilot.generation.VariantStore;
import io.campaignpilot.knowledge.GroundingStore;
import io.campaignpilot.measurement.MeasurementService;
import io.campaignpilot.personaldata.Addresses;
import io.campaignpilot.policy.PolicyService;
import io.campaignpilot.publishing.Publishing;
import io.campaignpilot.review.ReviewDecisions;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Assembles a campaign's status, current stage and evidence from our tables and the engine's history. */
@Service
public class CampaignQueries {
    private final CampaignRepository campaigns;
    private final VariantStore variants;
    private final GroundingStore grounding;
    private final PolicyService policy;
    private final ReviewDecisions reviews;
    private final Publishing publishing;
    private final MeasurementService measurement;
    private final AuditLog audit;
    private final CampaignEngine engine;
    private final Audiences audiences;

    public CampaignQueries(CampaignRepository campaigns, VariantStore variants, GroundingStore grounding,
                           PolicyService policy, ReviewDecisions reviews, Publishing publishing,
                           MeasurementService measurement, AuditLog audit, CampaignEngine engine,
                           Audiences audiences) {
        this.campaigns = campaigns;
        this.variants = variants;
        this.grounding = grounding;
        this.policy = policy;
        this.reviews = reviews;
        this.publishing = publishing;
        this.measurement = measurement;
        this.audit = audit;
        this.engine = engine;
        this.audiences = audiences;
    }

    public Optional<CampaignView> view(String id) {
        return campaigns.find(id).map(c -> {
            List<String> stage = new ArrayList<>();
            List<String> incidents = new ArrayList<>();
            // an ended campaign's instances have all ended with it (its status is set as its lifecycle ends): nothing
            // is open and no incident is left, so the engine is not asked
            if (c.processInstanceId() != null && !c.status().terminal()) {
                CampaignEngine.Progress progress = engine.progress(c.processInstanceId());
                stage.addAll(progress.openSteps());
                // masked as well: an incident raised before an address was kept out of its message may still quote one
                progress.incidents().forEach(i -> incidents.add(Addresses.maskAll(i.message() != null ? i.message()
                        : i.activityId() + " failed")));
            }
            if (stage.isEmpty() && c.status().terminal()) {
                stage.add(c.status().name());
            }
            Map<String, Map<String, Long>> byStatus = publishing.countsByChannel(id);
            Map<String, Long> deliveries = new TreeMap<>();
            byStatus.forEach((channel, counts) -> deliveries.put(channel,
                    counts.values().stream().mapToLong(Long::longValue).sum()));
            return new CampaignView(c, stage.stream().distinct().toList(), incidents, variants.latest(id),
                    grounding.sources(id), policy.decisions(id), reviews.decisions(id), deliveries, byStatus,
                    measurement.find(id).orElse(null), maskedTrail(id), variants.summary(id), variants.calls(id),
                    audiences.targeting(id).orElse(null));
        });
    }

    /**
     * Where each channel's publishing stands: the deliveries' progress from our tables and the engine's dispatch step
     * (waiting for a dispatcher, being worked, failing with retries left, or an incident), by channel.
     */
    public Optional<DispatchView> dispatch(String id) {
        return campaigns.find(id).map(c -> {
            Map<String, DispatchView.Step> steps = new TreeMap<>();
            if (c.processInstanceId() != null) {
                engine.dispatchSteps(c.processInstanceId())
                        .forEach(step -> steps.put(step.channel(), DispatchView.Step.of(step)));
            }
            Instant now = Instant.now();
            List<DispatchView.ChannelDispatch> channels = publishing.progress(id, now).stream()
                    .map(p -> new DispatchView.ChannelDispatch(p, steps.getOrDefault(p.channel(), DispatchView.Step.NONE)))
                    .toList();
            return new DispatchView(id, c.status(), channels);
        });
    }

    /** The audit trail as people read it: an address a detail quotes is masked (see Addresses). */
    private List<AuditLog.Entry> maskedTrail(String id) {
        return audit.trail(id).stream().map(e -> new AuditLog.Entry(e.id(), e.at(), e.actor(), e.kind(),
                Addresses.maskAll(e.detail()))).toList();
    }
}
