package io.campaignpilot.retailer;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A synthetic retailer's customers, twelve months of orders and their shopping sessions, the same for the same seed:
 * each customer is drawn from a generator seeded by the seed and their id alone, so a larger size keeps the first
 * customers as they were and any slice can be generated on its own.
 * <p>
 * What makes it worth predicting: each customer has a buying rate, a favourite category among affinities for all of
 * them, a level of activity that drifts from month to month (and sometimes lapses), an engagement with messages, and
 * browses a category shortly before buying in it; categories have seasons and December is busy for all.
 */
public final class SyntheticRetailer {
    /** A product the synthetic customers buy. */
    public record Item(String sku, String category, BigDecimal price) {
    }

    /** A customer as the CRM would hold them (no age, gender or address: the generator never makes any). */
    public record Shopper(long id, String firstName, String region, String segment, String loyaltyTier,
                          boolean consentEmail, boolean consentSms, boolean consentPush, boolean consentWeb,
                          boolean consentSocial) {
    }

    public record Order(String eventId, long customerId, String sku, int quantity, BigDecimal revenue, Instant at) {
    }

    public record Session(long customerId, Instant startedAt, String channel, String category, int pages) {
    }

    /** Where the generated rows go. */
    public interface Sink {
        void customer(Shopper shopper);

        void order(Order order);

        void session(Session session);
    }

    static final int MONTHS = 12;
    private static final Duration MONTH = Duration.ofSeconds(Math.round(365.25 / 12 * 86_400));
    private static final String[] NAMES = {"Amelia", "Oliver", "Isla", "George", "Ava", "Noah", "Mia", "Arthur", "Ivy",
            "Leo", "Freya", "Oscar", "Lily", "Harry", "Grace", "Jack", "Rosie", "Theo", "Evie", "Finley", "Priya", "Omar"};
    private static final String[] REGIONS = {"north", "south", "east", "west"};
    private static final String[] CHANNELS = {"web", "app", "email", "sms", "push"};

    private final long seed;
    private final Instant end;
    private final Map<String, List<Item>> byCategory = new LinkedHashMap<>();
    private final String[] categories;

    /**
     * @param seed    the same seed (with the same catalog and end) gives the same retailer
     * @param catalog what customers buy; its categories are the ones they have affinities for
     * @param end     the end of the twelve months of history
     */
    public SyntheticRetailer(long seed, List<Item> catalog, Instant end) {
        if (catalog.isEmpty()) {
            throw new IllegalArgumentException("the synthetic retailer needs a catalog with at least one product");
        }
        this.seed = seed;
        this.end = end;
        catalog.stream().sorted(java.util.Comparator.comparing(Item::sku))
                .forEach(item -> byCategory.computeIfAbsent(item.category(), c -> new ArrayList<>()).add(item));
        this.categories = byCategory.keySet().toArray(String[]::new);
    }

    /** Customers {@code firstId} .. {@code firstId + count - 1}, each with their orders and sessions. */
    public void generate(long firstId, int count, Sink sink) {
        for (long id = firstId; id < firstId + count; id++) {
            generateOne(id, true, sink);
        }
    }

    /** Orders and sessions for customers who already exist (the demo's): their CRM rows stay as they are. */
    public void history(List<Long> customerIds, Sink sink) {
        customerIds.forEach(id -> generateOne(id, false, sink));
    }

    private void generateOne(long id, boolean withCustomer, Sink sink) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + id);
        double ordersPerYear = Math.exp(Math.log(4.5) + 0.8 * gaussian(random));
        double engagement = Math.pow(random.nextDouble(), 1.5);
        String preferredChannel = CHANNELS[random.nextInt(CHANNELS.length)];
        double[] share = affinities(random);
        int favourite = argmax(share);
        double[] level = levels(random);

        if (withCustomer) {
            String tier = ordersPerYear > 9 ? "gold" : ordersPerYear > 4.5 ? "silver" : "bronze";
            sink.customer(new Shopper(id, NAMES[random.nextInt(NAMES.length)], REGIONS[random.nextInt(REGIONS.length)],
                    segmentOf(categories[favourite]), tier, random.nextDouble() < 0.72, random.nextDouble() < 0.41,
                    random.nextDouble() < 0.33, random.nextDouble() < 0.85, random.nextDouble() < 0.50));
        }
        int orderNo = 0;
        Instant start = end.minus(MONTH.multipliedBy(MONTHS));
        for (int m = 0; m < MONTHS; m++) {
            Instant monthStart = start.plus(MONTH.multipliedBy(m));
            int calendarMonth = monthStart.plus(MONTH.dividedBy(2)).atZone(ZoneOffset.UTC).getMonthValue();
            for (int c = 0; c < categories.length; c++) {
                double rate = ordersPerYear / MONTHS * share[c] * season(categories[c], calendarMonth) * level[m];
                for (int n = poisson(random, rate); n > 0; n--) {
                    List<Item> items = byCategory.get(categories[c]);
                    Item item = items.get(random.nextInt(items.size()));
                    int quantity = random.nextDouble() < 0.85 ? 1 : 2;
                    sink.order(new Order("syn-" + seed + "-" + id + "-" + (++orderNo), id, item.sku(), quantity,
                            item.price().multiply(BigDecimal.valueOf(quantity)), within(random, monthStart)));
                }
                // browsing runs ahead of buying: this month's sessions follow this and next month's intent
                double intent = m + 1 < MONTHS ? (rate + ordersPerYear / MONTHS * share[c]
                        * season(categories[c], calendarMonth % 12 + 1) * level[m + 1]) / 2 : rate;
                for (int n = poisson(random, intent * (1 + 4 * engagement) + 0.02); n > 0; n--) {
                    String channel = random.nextDouble() < 0.6 ? preferredChannel : CHANNELS[random.nextInt(CHANNELS.length)];
                    sink.session(new Session(id, within(random, monthStart), channel, categories[c], 1 + random.nextInt(12)));
                }
            }
        }
    }

    /** Affinity for every category: a random spread with one favourite well ahead, summing to one. */
    private double[] affinities(SplittableRandom random) {
        double[] share = new double[categories.length];
        double sum = 0;
        for (int c = 0; c < share.length; c++) {
            share[c] = Math.exp(1.0 * gaussian(random));
        }
        share[random.nextInt(share.length)] *= 6;
        for (double s : share) {
            sum += s;
        }
        for (int c = 0; c < share.length; c++) {
            share[c] /= sum;
        }
        return share;
    }

    /** Month-to-month activity: an autoregressive drift around 1, and a quarter of customers lapse at some point. */
    private static double[] levels(SplittableRandom random) {
        double[] level = new double[MONTHS];
        double log = 0.5 * gaussian(random);
        int lapseAt = random.nextDouble() < 0.25 ? random.nextInt(MONTHS) : MONTHS;
        for (int m = 0; m < MONTHS; m++) {
            log = 0.85 * log + 0.4 * gaussian(random);
            level[m] = Math.exp(log) * (m >= lapseAt ? 0.08 : 1);
        }
        return level;
    }

    /** A category's season: peaks where its customers expect them, and December lifts everything. */
    static double season(String category, int month) {
        int peak = switch (category) {
            case "outdoor" -> 6;
            case "apparel" -> 11;
            case "home" -> 10;
            case "supplements" -> 1;
            case "toys", "electronics", "alcohol", "beauty", "kitchen" -> 12;
            default -> 1 + Math.floorMod(category.hashCode(), 12);
        };
        double amplitude = "grocery".equals(category) ? 0.1 : 0.45;
        return (1 + amplitude * Math.cos(2 * Math.PI * (month - peak) / 12.0)) * (month == 12 ? 1.3 : 1);
    }

    static String segmentOf(String category) {
        return switch (category) {
            case "outdoor" -> "outdoor-enthusiasts";
            case "home", "kitchen" -> "home-makers";
            case "grocery", "alcohol" -> "foodies";
            case "beauty", "supplements" -> "wellness";
            default -> "families";
        };
    }

    private static Instant within(SplittableRandom random, Instant monthStart) {
        return monthStart.plusSeconds((long) (random.nextDouble() * MONTH.toSeconds())).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Knuth's method: the rates here are small. */
    private static int poisson(SplittableRandom random, double rate) {
        double limit = Math.exp(-rate);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            n++;
            product *= random.nextDouble();
        }
        return n;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller, from the customer's own generator so the draws stay reproducible
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
