package io.campaignpilot.load;

import io.campaignpilot.retailer.RetailerLoader;
import io.campaignpilot.retailer.SyntheticRetailer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * How the load run lays out the synthetic retailer's customers (io.campaignpilot.retailer.SyntheticRetailer, which
 * gives them their names, consents and a year of orders and sessions), the same for the same seed: customers in cells (a region and a segment) whose sizes give
 * campaigns mixed reaches, and trigger events of mixed tiers over them. Reach and discount decide the tier as the
 * rules do (rules/risk-tier.drl): a small cell at a modest discount is LOW, a moderate cell or discount MEDIUM, a
 * cell of over a thousand customers or a regulated product HIGH. Each campaign gets a cell of its own where the base
 * allows, so the frequency cap (3 contacts a week) holds back few of them.
 */
final class LoadCells {
    private static final long FIRST_ID = 1_000_000;
    static final List<String> REGIONS = List.of("north", "south", "east", "west");
    /** Products of ordinary categories with a margin that takes 20 % off. */
    static final List<String> ORDINARY_SKUS = List.of("HP-OUT-004", "HP-OUT-002", "HP-OUT-006", "HP-KIT-001",
            "HP-KIT-004", "HP-HOM-002", "HP-HOM-001", "HP-APP-003", "HP-APP-004", "HP-GRO-004");
    /** Regulated products: legal reviews them whatever the reach. */
    static final List<String> REGULATED_SKUS = List.of("HP-SUP-001", "HP-SUP-002");

    /** A cell of customers: one region, one segment. */
    record Cell(String region, String segment, int size) {
    }

    /** One trigger event to send, and the tier its reach and discount should give. */
    record Event(String eventId, String type, String region, String segment, String sku, int discountPercent,
                 List<String> channels, String expectedTier) {
        String json() {
            return """
                    {"eventId": "%s", "type": "%s", "occurredAt": "2026-11-20T09:00:00Z", "skus": ["%s"], "region": "%s",
                     "segment": "%s", "discountPercent": %d, "channels": [%s]}""".formatted(eventId, type, sku, region,
                    segment, discountPercent, String.join(", ", channels.stream().map(c -> "\"" + c + "\"").toList()));
        }
    }

    private final long seed;
    private final List<Cell> small = new ArrayList<>();
    private final List<Cell> moderate = new ArrayList<>();
    private final List<Cell> large = new ArrayList<>();
    private final List<Cell> lowPhase = new ArrayList<>();
    /**
     * Sets of cells like the throughput phase's, for the warm-up alone: its contacts count against no measured
     * campaign's frequency cap. Rounds take the sets in turn, so no set is used more than {@link #ROUNDS_PER_SET} times.
     */
    private final List<List<Cell>> warmUp = new ArrayList<>();
    /** A customer contacted this often stays under the frequency cap (3 contacts a week) for one more campaign. */
    private static final int ROUNDS_PER_SET = 3;

    /**
     * Cells over {@code customers}: the throughput phase's own small cells and as many for each set the warm-up's
     * rounds need; of the rest, a seventh in cells of 1,150-1,300 (HIGH by reach), a third in cells of 340-460
     * (MEDIUM by reach), the rest in cells of 40-120 (LOW by reach).
     */
    LoadCells(long seed, int customers, int lowCampaigns, int warmUpRounds) {
        this.seed = seed;
        Random random = new Random(seed);
        for (int i = 0; i < lowCampaigns; i++) {
            lowPhase.add(new Cell(REGIONS.get(i % REGIONS.size()), "low-" + i, 40 + random.nextInt(41)));
        }
        for (int set = 0; set < (warmUpRounds + ROUNDS_PER_SET - 1) / ROUNDS_PER_SET; set++) {
            List<Cell> cells = new ArrayList<>();
            for (int i = 0; i < lowCampaigns; i++) {
                cells.add(new Cell(REGIONS.get(i % REGIONS.size()), "warm-" + set + "-" + i, 40 + random.nextInt(41)));
            }
            warmUp.add(cells);
        }
        int left = customers - total(lowPhase) - total(warmUpCells());
        int n = 0;
        for (int i = 0; i < customers / 7 / 1225; i++) {
            Cell cell = cell(n++, 1150 + random.nextInt(151));
            large.add(cell);
            left -= cell.size();
        }
        for (int i = 0; i < customers / 3 / 400; i++) {
            Cell cell = cell(n++, 340 + random.nextInt(121));
            moderate.add(cell);
            left -= cell.size();
        }
        while (left > 0) {
            Cell cell = cell(n++, Math.min(left, 40 + random.nextInt(81)));
            small.add(cell);
            left -= cell.size();
        }
    }

    private static Cell cell(int n, int size) {
        return new Cell(REGIONS.get(n % REGIONS.size()), "cell-" + n, size);
    }

    int customerCount() {
        return total(small) + total(moderate) + total(large) + total(lowPhase) + total(warmUpCells());
    }

    private List<Cell> warmUpCells() {
        return warmUp.stream().flatMap(List::stream).toList();
    }

    private static int total(List<Cell> cells) {
        return cells.stream().mapToInt(Cell::size).sum();
    }

    /**
     * Writes every customer with a year of orders and sessions from the application's synthetic retailer (names,
     * consents, loyalty tiers and history are the generator's), each moved into their cell's region and segment.
     */
    RetailerLoader.Loaded insertCustomers(Connection db) throws SQLException {
        List<Cell> all = new ArrayList<>(small);
        all.addAll(moderate);
        all.addAll(large);
        all.addAll(lowPhase);
        all.addAll(warmUpCells());
        Cell[] cellOf = new Cell[customerCount()];
        int at = 0;
        for (Cell cell : all) {
            for (int i = 0; i < cell.size(); i++) {
                cellOf[at++] = cell;
            }
        }
        RetailerLoader loader = new RetailerLoader(new JdbcTemplate(new SingleConnectionDataSource(db, true)));
        RetailerLoader.Loaded loaded = loader.load(seed, FIRST_ID, cellOf.length, Instant.now().truncatedTo(ChronoUnit.DAYS),
                shopper -> {
                    Cell cell = cellOf[(int) (shopper.id() - FIRST_ID)];
                    return new SyntheticRetailer.Shopper(shopper.id(), shopper.firstName(), cell.region(), cell.segment(),
                            shopper.loyaltyTier(), shopper.consentEmail(), shopper.consentSms(), shopper.consentPush(),
                            shopper.consentWeb(), shopper.consentSocial());
                });
        db.setAutoCommit(false);
        // enough stock everywhere that no campaign is refused for its expected redemptions
        try (PreparedStatement stock = db.prepareStatement("update product set stock = 1000000 where sku = ?");
             PreparedStatement regional = db.prepareStatement("update product_stock set units = 250000 where sku = ?")) {
            for (String sku : concat(ORDINARY_SKUS, REGULATED_SKUS)) {
                stock.setString(1, sku);
                stock.executeUpdate();
                regional.setString(1, sku);
                regional.executeUpdate();
            }
        }
        db.commit();
        db.setAutoCommit(true);
        return loaded;
    }

    /** The throughput phase: LOW-tier campaigns, email only, each to a small cell of its own at 10 % off. */
    List<Event> lowPhaseEvents() {
        return lowPhaseEvents("low", lowPhase);
    }

    /**
     * A round (from 1) of campaigns like the throughput phase's, on cells of the warm-up's own, that warms both nodes
     * up before anything is measured. The rounds take the sets of cells in turn, so every round's customers are still
     * under the frequency cap.
     */
    List<Event> warmUpEvents(int round) {
        return lowPhaseEvents("warm" + round, warmUp.get((round - 1) % warmUp.size()));
    }

    /** Five-channel campaigns on the throughput phase's last cells, for the generation round measured under a steady load. */
    List<Event> roundEvents(int count) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < Math.min(count, lowPhase.size()); i++) {
            Cell cell = lowPhase.get(lowPhase.size() - 1 - i);
            events.add(new Event("load-" + seed + "-round-" + i, "OVERSTOCK", cell.region(), cell.segment(),
                    ORDINARY_SKUS.get(i % ORDINARY_SKUS.size()), 10, List.of("email", "sms", "push", "web", "social"), "LOW"));
        }
        return events;
    }

    private List<Event> lowPhaseEvents(String name, List<Cell> cells) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            Cell cell = cells.get(i);
            events.add(new Event("load-" + seed + "-" + name + "-" + i, "OVERSTOCK", cell.region(), cell.segment(),
                    ORDINARY_SKUS.get(i % ORDINARY_SKUS.size()), 10, List.of("email"), "LOW"));
        }
        return events;
    }

    /** The main phase: about 70 % LOW, 20 % MEDIUM, 10 % HIGH, in a shuffled order, on one to five channels. */
    List<Event> mainEvents(int count) {
        Random random = new Random(seed + 2);
        List<Cell> smallCells = new ArrayList<>(small);
        List<Cell> moderateCells = new ArrayList<>(moderate);
        Collections.shuffle(smallCells, random);
        List<Event> events = new ArrayList<>();
        int nextSmall = 0;
        for (int i = 0; i < count; i++) {
            int roll = random.nextInt(100);
            String sku = ORDINARY_SKUS.get(random.nextInt(ORDINARY_SKUS.size()));
            String type = i % 3 == 0 ? "SEASONAL_LAUNCH" : "OVERSTOCK";
            List<String> channels = channels(random);
            Cell cell;
            int discount = 10;
            String tier;
            if (roll < 70) {
                cell = smallCells.get(nextSmall++ % smallCells.size());
                tier = "LOW";
            } else if (roll < 80 || moderateCells.isEmpty()) {
                cell = smallCells.get(nextSmall++ % smallCells.size());
                discount = 20;
                tier = "MEDIUM";
            } else if (roll < 90) {
                cell = moderateCells.get(i % moderateCells.size());
                tier = "MEDIUM";
            } else if (roll < 95 && !large.isEmpty()) {
                cell = large.get(i % large.size());
                tier = "HIGH";
            } else {
                cell = smallCells.get(nextSmall++ % smallCells.size());
                sku = REGULATED_SKUS.get(i % REGULATED_SKUS.size());
                tier = "HIGH";
            }
            events.add(new Event("load-" + seed + "-" + i, type, cell.region(), cell.segment(), sku, discount, channels, tier));
        }
        return events;
    }

    /** Mostly email; some add SMS, push or the web, a few go out on all five channels. */
    private static List<String> channels(Random random) {
        int roll = random.nextInt(100);
        if (roll < 55) {
            return List.of("email");
        } else if (roll < 72) {
            return List.of("email", "sms");
        } else if (roll < 84) {
            return List.of("email", "push");
        } else if (roll < 94) {
            return List.of("email", "web");
        }
        return List.of("email", "sms", "push", "web", "social");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
