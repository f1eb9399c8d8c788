package io.campaignpilot.results;

import io.campaignpilot.campaign.CampaignStatus;
import io.campaignpilot.policy.RiskTier;
import io.campaignpilot.trigger.TriggerType;
import io.campaignpilot.web.FieldError;
import io.campaignpilot.web.InvalidInputException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the results view reads: GET /api/results (campaigns with their headline result; status, tier, trigger type,
 * from, to as dates in UTC with {@code to} exclusive, limit) and GET /api/results/{id} (one campaign's result with its arms and timeline).
 */
@RestController
@RequestMapping("/api/results")
public class ResultsController {
    private static final int MAX_LIMIT = 500;

    private final CampaignResults results;

    public ResultsController(CampaignResults results) {
        this.results = results;
    }

    @GetMapping
    public List<ResultSummary> list(@RequestParam(required = false) String status,
                                    @RequestParam(required = false) String tier,
                                    @RequestParam(required = false) String trigger,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                    @RequestParam(defaultValue = "50") int limit) {
        List<FieldError> errors = new ArrayList<>();
        CampaignStatus wanted = null;
        if (status != null) {
            wanted = Arrays.stream(CampaignStatus.values()).filter(s -> s.name().equals(status)).findFirst().orElse(null);
            if (wanted == null) {
                errors.add(new FieldError("status", "must be one of " + Arrays.toString(CampaignStatus.values())));
            }
        }
        if (tier != null && Arrays.stream(RiskTier.values()).noneMatch(t -> t.name().equals(tier))) {
            errors.add(new FieldError("tier", "must be one of " + Arrays.toString(RiskTier.values())));
        }
        if (trigger != null && Arrays.stream(TriggerType.values()).noneMatch(t -> t.name().equals(trigger))) {
            errors.add(new FieldError("trigger", "must be one of " + Arrays.toString(TriggerType.values())));
        }
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(new FieldError("to", "must be after from (" + from + ")"));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            errors.add(new FieldError("limit", "must be between 1 and " + MAX_LIMIT));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return results.list(new CampaignResults.Filter(wanted, tier, trigger,
                from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                to == null ? null : to.atStartOfDay(ZoneOffset.UTC).toInstant(), limit));
    }

    @GetMapping("/{id}")
    public CampaignResult result(@PathVariable String id) {
        return results.result(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no campaign " + id));
    }
}
