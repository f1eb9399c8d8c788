package io.campaignpilot.targeting;

import java.time.Instant;
import java.util.List;

/**
 * A trained purchase-propensity model for one category, as stored: a logistic regression over standardised
 * {@link PurchaseFeatures}, so every node scores with the same numbers, and the AUC it reached on a later, held-out
 * window.
 *
 * @param version   the registry's version number (the newest of a category is in use)
 * @param auc       area under the ROC curve on the held-out window (0.5 is a coin toss)
 * @param cutAt     the end of the training window's history; the test window starts a label window later
 */
public record PropensityModel(long version, String category, String algorithm, List<String> features, double[] means,
                              double[] scales, double[] weights, double intercept, double auc, int trainRows,
                              int testRows, Instant cutAt, Instant trainedAt) {

    /** The probability that the customer buys in the category within the label window. */
    public double propensity(double[] raw) {
        double z = intercept;
        for (int i = 0; i < weights.length; i++) {
            z += weights[i] * (raw[i] - means[i]) / scales[i];
        }
        return 1 / (1 + Math.exp(-z));
    }

    /** How the evidence names it: "propensity model 7 for kitchen (AUC 0.781, trained 2026-12-02T23:00:00Z)". */
    public String describe() {
        return "propensity model " + version + " for " + category + " (AUC " + String.format(java.util.Locale.ROOT, "%.3f", auc)
                + ", trained " + trainedAt + ")";
    }
}
