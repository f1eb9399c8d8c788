package io.campaignpilot.retailer;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The synthetic retailer is the same for the same seed, whatever size is asked for, and different for another seed. */
class SyntheticRetailerTest {
    private static final Instant END = Instant.parse("2026-12-01T00:00:00Z");
    private static final List<SyntheticRetailer.Item> CATALOG = List.of(
            new SyntheticRetailer.Item("A-1", "outdoor", new BigDecimal("59.00")),
            new SyntheticRetailer.Item("A-2", "outdoor", new BigDecimal("32.00")),
            new SyntheticRetailer.Item("B-1", "home", new BigDecimal("79.00")),
            new SyntheticRetailer.Item("C-1", "grocery", new BigDecimal("14.00")));

    /** Everything generated, in order. */
    static final class Collected implements SyntheticRetailer.Sink {
        final List<Object> rows = new ArrayList<>();
        int orders;
        int sessions;

        @Override
        public void customer(SyntheticRetailer.Shopper shopper) {
            rows.add(shopper);
        }

        @Override
        public void order(SyntheticRetailer.Order order) {
            rows.add(order);
            orders++;
        }

        @Override
        public void session(SyntheticRetailer.Session session) {
            rows.add(session);
            sessions++;
        }
    }

    private static Collected generate(long seed, long firstId, int count) {
        Collected collected = new Collected();
        new SyntheticRetailer(seed, CATALOG, END).generate(firstId, count, collected);
        return collected;
    }

    @Test
    void theSameSeedGivesTheSameRetailer() {
        Collected first = generate(42, 1, 300);
        Collected again = generate(42, 1, 300);
        assertThat(again.rows).isEqualTo(first.rows);
        assertThat(first.orders).isGreaterThan(300);
        assertThat(first.sessions).isGreaterThan(first.orders);
    }

    @Test
    void aLargerSizeKeepsTheFirstCustomersAndAnotherSeedChangesThem() {
        Collected small = generate(42, 1, 100);
        Collected large = generate(42, 1, 300);
        assertThat(large.rows.subList(0, small.rows.size())).isEqualTo(small.rows);
        assertThat(generate(43, 1, 100).rows).isNotEqualTo(small.rows);
    }

    @Test
    void ordersFallInTheTwelveMonthsAndOutdoorPeaksInSummer() {
        Collected collected = generate(7, 1, 2_000);
        List<SyntheticRetailer.Order> orders = collected.rows.stream().filter(SyntheticRetailer.Order.class::isInstance)
                .map(SyntheticRetailer.Order.class::cast).toList();
        assertThat(orders).allSatisfy(o -> assertThat(o.at()).isBefore(END).isAfter(END.minusSeconds(366L * 86_400)));
        long july = orders.stream().filter(o -> o.sku().startsWith("A") && month(o.at()) == 7).count();
        long january = orders.stream().filter(o -> o.sku().startsWith("A") && month(o.at()) == 1).count();
        assertThat(july).isGreaterThan(january * 3 / 2);
    }

    private static int month(Instant at) {
        return at.atZone(java.time.ZoneOffset.UTC).getMonthValue();
    }
}
