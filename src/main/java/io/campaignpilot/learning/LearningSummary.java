package io.campaignpilot.learning;

import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.measurement.Measurement;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The draft of a campaign's learning, written from its measurement by rule, not by a model: the same result always
 * reads the same, every figure comes with its interval, and the take-away follows from the verdict and the
 * contribution (README, "Learnings"). A marketing lead corrects and approves it before it grounds any copy.
 */
final class LearningSummary {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.UK).withZone(ZoneOffset.UTC);
    private static final Map<String, String> CHANNEL_NAMES = Map.of("email", "email", "sms", "SMS", "push", "push",
            "web", "web", "social", "paid social");

    private LearningSummary() {
    }

    /** Whether the result says enough to learn from: a verdict, not a warning that there is none. */
    static boolean worthLearning(Measurement m) {
        return m.measuredAt() != null && m.confidence() != null && m.confidence().verdict() != null
                && !"NO_VERDICT".equals(m.confidence().verdict());
    }

    static String title(Campaign c) {
        String title = "Learning from \"" + c.title() + "\"";
        return title.length() <= 200 ? title : title.substring(0, 199) + "…";
    }

    static String text(Campaign c, List<String> products, Measurement m) {
        Measurement.Confidence confidence = m.confidence();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.UK, "%s campaign \"%s\" in the %s region (%s: %s; %s; %s), measured %s.",
                words(c.triggerType()), c.title(), c.region(), c.category(), String.join(", ", products),
                c.discountPercent() > 0 ? c.discountPercent() + " % off" : "no discount",
                String.join(", ", c.channels().stream().map(LearningSummary::channel).toList()),
                window(m)));
        lines.add(String.format(Locale.UK, "Result: %s. %s of the %,d customers sent it bought, against %s of the %,d held "
                        + "out: %s relative lift (95 %% interval %s to %s, p = %s).",
                verdict(confidence.verdict()), rate(m.treatmentBuyers(), m.treatmentSize()), m.treatmentSize(),
                rate(m.holdoutBuyers(), m.holdoutSize()), m.holdoutSize(), percent(m.incrementalLift()),
                percent(confidence.liftLow()), percent(confidence.liftHigh()), p(confidence.liftPValue())));
        if (m.incrementalRevenue() != null) {
            lines.add("Incremental revenue: " + money(m.incrementalRevenue()) + " (95 % interval "
                    + money(confidence.incrementalRevenueLow()) + " to " + money(confidence.incrementalRevenueHigh()) + ").");
        }
        if (m.contributionMargin() != null && m.costs() != null) {
            lines.add("Incremental contribution: " + money(m.contributionMargin()) + " (95 % interval "
                    + money(confidence.contributionMarginLow()) + " to " + money(confidence.contributionMarginHigh())
                    + "), after " + money(m.costs().discountCost()) + " of discount on every treatment purchase (also to "
                    + "buyers who would have bought anyway), " + money(m.costs().sendCost()) + " of sending and "
                    + money(m.costs().aiCost()) + " of model calls.");
        }
        List<String> channels = new ArrayList<>();
        for (Measurement.Slice slice : m.slices() == null ? List.<Measurement.Slice>of() : m.slices()) {
            if (slice.variantNo() == null) {
                channels.add(channel(slice.channel()) + " " + (slice.lift() == null || slice.warning() != null
                        ? "no verdict (" + (slice.warning() == null ? "no lift" : slice.warning()) + ")"
                        : percent(slice.lift()) + " (" + percent(slice.liftLow()) + " to " + percent(slice.liftHigh()) + ")"));
            }
        }
        if (!channels.isEmpty()) {
            lines.add("By channel: " + String.join("; ", channels) + ".");
        }
        lines.add("Take-away: " + takeAway(confidence.verdict(), m.contributionMargin(), confidence.contributionMarginLow()));
        return String.join("\n", lines);
    }

    /** What a later campaign should do differently, from the verdict and whether the offer paid for itself. */
    static String takeAway(String verdict, BigDecimal contribution, BigDecimal contributionLow) {
        return switch (verdict) {
            case "LIFT" -> contribution == null ? "it lifted sales; its contribution could not be computed."
                    : contributionLow != null && contributionLow.signum() > 0
                    ? "it lifted sales and paid for its discount and costs: an offer like this is worth repeating for "
                    + "this category and region."
                    : contribution.signum() > 0
                    ? "it lifted sales, but whether it paid for its discount is not shown: repeat with a smaller discount "
                    + "or a narrower audience and measure again."
                    : "it lifted sales but did not pay for its discount: a smaller discount or a narrower audience would "
                    + "keep more of the margin.";
            case "DROP" -> "it lowered conversion against the holdout: do not repeat it as it was run.";
            default -> "no effect was shown at this size, so the discount went to customers who would have bought "
                    + "anyway: do not repeat this offer as it was run without a reason to expect more.";
        };
    }

    private static String verdict(String verdict) {
        return switch (verdict) {
            case "LIFT" -> "it lifted conversion";
            case "DROP" -> "it lowered conversion";
            default -> "no effect on conversion was shown";
        };
    }

    /** The window by day, or within its day by the minute (a demo's windows last minutes). */
    private static String window(Measurement m) {
        String from = DAY.format(m.scheduledAt());
        String to = DAY.format(m.windowEndsAt());
        return from.equals(to) ? "on " + from + ", " + TIME.format(m.scheduledAt()) + "–" + TIME.format(m.windowEndsAt())
                + " UTC" : "from " + from + " to " + to;
    }

    private static String words(String triggerType) {
        String words = triggerType == null ? "A" : triggerType.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String channel(Channel channel) {
        return channel(channel.key());
    }

    private static String channel(String key) {
        return CHANNEL_NAMES.getOrDefault(key, key);
    }

    private static String rate(Integer buyers, Integer customers) {
        return buyers == null || customers == null || customers == 0 ? "n/a"
                : String.format(Locale.UK, "%.1f %%", 100.0 * buyers / customers);
    }

    private static String percent(Double ratio) {
        return ratio == null ? "n/a" : String.format(Locale.UK, "%+.1f %%", 100 * ratio).replace("-", "−");
    }

    private static String p(Double p) {
        return p == null ? "n/a" : p < 0.001 ? "< 0.001" : String.format(Locale.UK, "%.3f", p);
    }

    private static String money(BigDecimal amount) {
        if (amount == null) {
            return "n/a";
        }
        String pounds = String.format(Locale.UK, "£%,.2f", amount.abs());
        return amount.signum() < 0 ? "−" + pounds : pounds;
    }
}
