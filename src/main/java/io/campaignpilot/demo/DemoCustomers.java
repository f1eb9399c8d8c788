package io.campaignpilot.demo;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The demo retailer's synthetic customers (2,400 unless {@code campaignpilot.demo.customer-count} says otherwise), the
 * same on every machine (fixed seed, so a larger count keeps the first ones as they were); some in the west read Welsh.
 */
@Component
public class DemoCustomers {
    private static final String[] NAMES = {"Amelia", "Oliver", "Isla", "George", "Ava", "Noah", "Mia", "Arthur", "Ivy",
            "Leo", "Freya", "Oscar", "Lily", "Harry", "Grace", "Jack", "Rosie", "Theo", "Evie", "Finley", "Priya", "Omar",
            "Chloe", "Kofi", "Hannah", "Mateo", "Zara", "Ewan", "Sian", "Callum"};
    private static final String[] REGIONS = {"north", "south", "east", "west"};
    private static final String[] SEGMENTS = {"outdoor-enthusiasts", "home-makers", "foodies", "wellness", "families"};
    private static final String[] TIERS = {"bronze", "bronze", "bronze", "silver", "silver", "gold"};

    private final JdbcTemplate jdbc;
    private final int count;

    DemoCustomers(JdbcTemplate jdbc, DemoProperties properties) {
        this.jdbc = jdbc;
        this.count = properties.customerCount();
    }

    /** Inserts the customers unless there are already some. */
    public void load() {
        Integer existing = jdbc.queryForObject("select count(*) from customer", Integer.class);
        if (existing != null && existing > 0) {
            return;
        }
        Random random = new Random(20261122L);
        List<Object[]> rows = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String name = NAMES[random.nextInt(NAMES.length)];
            String region = REGIONS[random.nextInt(REGIONS.length)];
            // every fifth customer in the west reads Welsh; derived, not drawn, so the other columns stay as they were
            String locale = region.equals("west") && i % 5 == 0 ? "cy-GB" : "en-GB";
            rows.add(new Object[]{i, name.toLowerCase() + "." + i + "@customers.example", "+4477009" + String.format("%05d", i),
                    name, region, locale, SEGMENTS[random.nextInt(SEGMENTS.length)],
                    TIERS[random.nextInt(TIERS.length)], random.nextDouble() < 0.72, random.nextDouble() < 0.41,
                    random.nextDouble() < 0.33, random.nextDouble() < 0.85, random.nextDouble() < 0.50});
        }
        jdbc.batchUpdate("""
                insert into customer (id, email, phone, first_name, region, locale, segment, loyalty_tier, consent_email,
                    consent_sms, consent_push, consent_web, consent_social) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                rows);
    }
}
