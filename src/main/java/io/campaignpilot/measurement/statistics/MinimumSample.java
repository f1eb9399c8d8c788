package io.campaignpilot.measurement.statistics;

/**
 * Below these counts in either arm a comparison gives a warning instead of a verdict: intervals from a handful of
 * buyers are too wide to act on, and the normal approximations behind them do not hold yet.
 */
public record MinimumSample(long customersPerArm, long eventsPerArm) {
    public static final MinimumSample DEFAULT = new MinimumSample(100, 10);

    public MinimumSample {
        if (customersPerArm < 2 || eventsPerArm < 0) {
            throw new IllegalArgumentException("a minimum sample needs at least 2 customers per arm");
        }
    }

    String shortfall(Arm treatment, Arm holdout) {
        StringBuilder missing = new StringBuilder();
        check(missing, "treatment", treatment);
        check(missing, "holdout", holdout);
        return missing.isEmpty() ? null : "too few to judge: " + missing;
    }

    private void check(StringBuilder missing, String name, Arm arm) {
        if (arm.customers() < customersPerArm || arm.events() < eventsPerArm) {
            missing.append(missing.isEmpty() ? "" : "; ").append(name).append(" has ").append(arm.customers())
                    .append(" customers and ").append(arm.events()).append(" buyers (needs ").append(customersPerArm)
                    .append(" and ").append(eventsPerArm).append(')');
        }
    }
}
