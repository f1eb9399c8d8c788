package io.campaignpilot.overview;

import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.engine.CampaignEngine;
import io.campaignpilot.personaldata.Addresses;
import io.campaignpilot.publishing.Delivery;
import io.campaignpilot.publishing.Publishing;
import io.campaignpilot.security.ApiUser;
import io.campaignpilot.web.InvalidInputException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;
import java.util.Map;

/** Campaign status, evidence, deliveries and withdrawal. */
@RestController
@RequestMapping("/api/campaigns")
public class CampaignController {
    private final CampaignQueries queries;
    private final CampaignRepository campaigns;
    private final Publishing publishing;
    private final CampaignEngine engine;

    public CampaignController(CampaignQueries queries, CampaignRepository campaigns, Publishing publishing,
                              CampaignEngine engine) {
        this.queries = queries;
        this.campaigns = campaigns;
        this.publishing = publishing;
        this.engine = engine;
    }

    @GetMapping
    public List<Campaign> recent(@RequestParam(defaultValue = "50") int limit) {
        return campaigns.recent(Math.max(1, Math.min(limit, 500)));
    }

    @GetMapping("/{id}")
    public CampaignView campaign(@PathVariable String id) {
        return queries.view(id).orElseThrow(() -> notFound(id));
    }

    /** The deliveries in the order they were recorded, a page at a time, optionally of one status. */
    @GetMapping("/{id}/deliveries")
    public List<Delivery> deliveries(@PathVariable String id, @RequestParam(required = false) String status,
                                     @RequestParam(defaultValue = "1000") int limit,
                                     @RequestParam(defaultValue = "0") int offset) {
        if (status != null && !DELIVERY_STATUSES.contains(status)) {
            throw new InvalidInputException("status", "must be one of " + DELIVERY_STATUSES);
        }
        if (limit < 1 || limit > 10_000) {
            throw new InvalidInputException("limit", "must be between 1 and 10000");
        }
        if (offset < 0) {
            throw new InvalidInputException("offset", "must not be negative");
        }
        campaigns.find(id).orElseThrow(() -> notFound(id));
        // masked for every role: see Addresses for why nobody needs the full address here
        return publishing.deliveries(id, status, limit, offset).stream()
                .map(d -> d.withAddress(Addresses.mask(d.address()))).toList();
    }

    /** Channel by channel: deliveries by status and reason, what is held or retrying, and the engine's dispatch step. */
    @GetMapping("/{id}/dispatch")
    public DispatchView dispatch(@PathVariable String id) {
        return queries.dispatch(id).orElseThrow(() -> notFound(id));
    }

    /** Why a campaign is stopped: with who withdrew it, it becomes the end reason (2,000 characters at most). */
    record Withdrawal(@NotBlank(message = "is required: say why the campaign is withdrawn")
                      @Size(max = 1800, message = "must be at most 1800 characters") String reason) {
    }

    /** Stops a campaign that has not ended yet; it ends as Withdrawn with the reason given. */
    @PostMapping("/{id}/withdraw")
    public ResponseEntity<Map<String, Object>> withdraw(@PathVariable String id, @RequestBody @Valid Withdrawal withdrawal) {
        Campaign c = campaigns.find(id).orElseThrow(() -> notFound(id));
        if (c.status().terminal() || c.processInstanceId() == null) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "campaign " + id + " has already ended as " + c.status());
        }
        engine.withdraw(c.processInstanceId(), "withdrawn by " + ApiUser.current() + ": " + withdrawal.reason().trim(),
                ApiUser.current());
        return ResponseEntity.ok(Map.of("campaignId", id, "status", campaigns.find(id).orElseThrow().status()));
    }

    private static final List<String> DELIVERY_STATUSES = List.of("PENDING", "SENDING", "SENT", "QUEUED", "SKIPPED",
            "BOUNCED", "UNKNOWN", "WITHDRAWN");

    private static ResponseStatusException notFound(String id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no campaign " + id);
    }
}
