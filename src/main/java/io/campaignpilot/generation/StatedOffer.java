package io.campaignpilot.generation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a piece of copy states about the offer: the discounts ("20% off", "save 20%", "up to 30%", "half price",
 * "2 for 1", and the same in the Welsh the brand writes) and the money amounts ("£39.20", "£1,200", "99p"). The one
 * reading of copy both judges use: {@link CopyCheck} on every model answer and reviewer's edit, and the policy rules
 * (policy.CampaignFacts) on every variant, so the two can never disagree about what the copy offers.
 *
 * <p>It reads generously: when in doubt, a number is taken for an offer, because a discount or price read by mistake
 * costs a rewrite, one missed costs a false offer to customers. Numbers without a sign of money or of a discount
 * ("30 day returns", "SPF 30", "100% cotton") are not offers.
 */
public final class StatedOffer {
    private static final Pattern DISCOUNT = Pattern.compile(String.join("|",
            // 20% off, 20% discount, 20 per cent saving; Welsh: 20% i ffwrdd, 20% o ostyngiad
            percent("before") + "[\\h-]*(?:off|discount|reduction|savings?|i\\h+ffwrdd|o\\h+ostyngiad)\\b",
            // save 20%, an extra 20%, up to 20%, a discount of 20%; Welsh: arbed(wch) 20%, hyd at 20%, gostyngiad o 20%
            "\\b(?:save|saving|extra|up\\h+to|(?:discount|reduction)\\h+of|arbed(?:wch)?|hyd\\h+at|gostyngiad\\h+o)\\h+"
                    + percent("after"),
            // half price, half-price, half off; Welsh: hanner pris
            "\\b(?<half>half[\\h-]?price|half\\h+off|hanner\\h+pris)\\b",
            // 2 for 1, 3 for 2 (n items for the price of m)
            "(?<![\\d.,£])\\b(?<n>\\d)\\h?for\\h?(?<m>\\d)\\b(?![\\d.,%])",
            // buy one get one free, BOGOF, buy 2 get 1 free
            "\\bbuy\\h+(?<buy>one|two|\\d)\\h*,?\\h*get\\h+(?<free>one|\\d)\\h+free\\b|\\b(?<bogof>bogof)\\b"),
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** Pounds, with or without thousands separators and pence ("£5", "£1,200", "£39.2", "£39.20"), or pence ("99p"). */
    private static final Pattern AMOUNT = Pattern.compile(
            "£\\h?(?<pounds>\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(?<fraction>\\d{1,2}))?|(?<![\\w.,£])(?<pence>\\d{1,2})p\\b");

    private StatedOffer() {
    }

    /** A whole or decimal percentage, not the tail of a longer number ("1.5%" is not "5%"). */
    private static String percent(String group) {
        return "(?<![\\d.,])(?<" + group + ">\\d{1,3}(?:\\.\\d{1,2})?)[\\h-]?(?:%|per[\\h-]?cent\\b)";
    }

    /**
     * A discount the copy states, as the share of the price it takes off: a multi-buy's is what each item costs
     * less ("2 for 1" is 50%, "3 for 2" 33.33%).
     */
    public record Discount(BigDecimal percent, String text) {
        /** Whether this is exactly the offer's discount. */
        public boolean is(int offeredPercent) {
            return percent.compareTo(BigDecimal.valueOf(offeredPercent)) == 0;
        }

        /** "20" or "33.33": how the copy's percent reads in a finding. */
        public String percentText() {
            return percent.stripTrailingZeros().toPlainString();
        }
    }

    /** A money amount the copy states, in pounds. */
    public record Amount(BigDecimal pounds, String text) {
        public Amount {
            pounds = pounds.setScale(2, RoundingMode.UNNECESSARY);
        }

        public int pence() {
            return pounds.movePointRight(2).intValueExact();
        }

        /** Whether it is this amount of money, whatever its scale (£5 is £5.00). */
        public boolean is(BigDecimal amount) {
            return pounds.compareTo(amount) == 0;
        }
    }

    public static List<Discount> discounts(String copy) {
        List<Discount> found = new ArrayList<>();
        Matcher m = DISCOUNT.matcher(copy);
        while (m.find()) {
            BigDecimal percent;
            if (m.group("before") != null || m.group("after") != null) {
                percent = new BigDecimal(m.group("before") != null ? m.group("before") : m.group("after"));
            } else if (m.group("half") != null || m.group("bogof") != null) {
                percent = BigDecimal.valueOf(50);
            } else if (m.group("n") != null) {
                percent = multiBuy(Integer.parseInt(m.group("n")), Integer.parseInt(m.group("m")));
            } else {
                int paid = count(m.group("buy"));
                percent = multiBuy(paid + count(m.group("free")), paid);
            }
            if (percent != null) {
                found.add(new Discount(percent, m.group().strip()));
            }
        }
        return found;
    }

    public static List<Amount> amounts(String copy) {
        List<Amount> found = new ArrayList<>();
        Matcher m = AMOUNT.matcher(copy);
        while (m.find()) {
            BigDecimal pounds;
            if (m.group("pence") != null) {
                pounds = new BigDecimal(m.group("pence")).movePointLeft(2);
            } else {
                String fraction = m.group("fraction");
                pounds = new BigDecimal(m.group("pounds").replace(",", "") + (fraction == null ? "" : "." + fraction));
            }
            found.add(new Amount(pounds, m.group()));
        }
        return found;
    }

    /** n items for the price of m: each costs (n - m) / n less; "1 for 2" or "2 for 2" is no discount. */
    private static BigDecimal multiBuy(int items, int paidFor) {
        if (items <= paidFor || paidFor <= 0) {
            return null;
        }
        return BigDecimal.valueOf(100L * (items - paidFor)).divide(BigDecimal.valueOf(items), 2, RoundingMode.HALF_UP);
    }

    private static int count(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "one" -> 1;
            case "two" -> 2;
            default -> Integer.parseInt(word);
        };
    }
}
