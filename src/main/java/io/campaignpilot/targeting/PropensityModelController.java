package io.campaignpilot.targeting;

import io.campaignpilot.web.ConflictException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/**
 * The model registry over the API: every version with its holdout AUC, feature list and weights, for auditors and
 * process owners; a process owner can retrain every category now rather than wait for the night.
 */
@RestController
public class PropensityModelController {
    private final PropensityModels models;
    private final PropensityTraining training;

    public PropensityModelController(PropensityModels models, PropensityTraining training) {
        this.models = models;
        this.training = training;
    }

    /** Every version, newest first; the newest of a category is the one audiences are ranked with. */
    @GetMapping("/api/targeting/models")
    public List<PropensityModel> models() {
        return models.all();
    }

    /**
     * Trains every category with orders on the history up to now; answers the versions put into use. 409 while a
     * training runs anywhere in the cluster: two at once would only repeat each other's work.
     */
    @PostMapping("/api/targeting/models/train")
    public List<PropensityModel> train() {
        Instant started = Instant.now();
        if (!training.retrainAllUnlessRunning()) {
            throw new ConflictException("the propensity models are being trained right now (the nightly run or another "
                    + "request): see GET /api/targeting/models when it is done", null);
        }
        return models.all().stream().filter(m -> !m.trainedAt().isBefore(started)).toList();
    }
}
