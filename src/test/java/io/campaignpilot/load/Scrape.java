package io.campaignpilot.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One read of a node's {@code /actuator/prometheus} (the text exposition format), as a Prometheus server would take
 * it: the load run reads its figures from the application's own metrics, not from counters of its own.
 */
record Scrape(long atMillis, List<Sample> samples) {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static Scrape parse(long atMillis, String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String name;
            Map<String, String> labels = new LinkedHashMap<>();
            if (brace >= 0 && brace < space) {
                name = line.substring(0, brace);
                String inner = line.substring(brace + 1, line.lastIndexOf('}'));
                // label values are quoted and may hold commas: walk key="value" pairs
                int i = 0;
                while (i < inner.length()) {
                    int eq = inner.indexOf('=', i);
                    int open = inner.indexOf('"', eq);
                    int close = open + 1;
                    while (close < inner.length() && (inner.charAt(close) != '"' || inner.charAt(close - 1) == '\\')) {
                        close++;
                    }
                    labels.put(inner.substring(i, eq).trim(), inner.substring(open + 1, close));
                    i = close + 1;
                    while (i < inner.length() && (inner.charAt(i) == ',' || inner.charAt(i) == ' ')) {
                        i++;
                    }
                }
            } else {
                name = line.substring(0, line.indexOf(' '));
            }
            String rest = brace >= 0 && brace < space ? line.substring(line.lastIndexOf('}') + 1)
                    : line.substring(line.indexOf(' '));
            String value = rest.trim().split(" ")[0];
            samples.add(new Sample(name, labels, parseValue(value)));
        }
        return new Scrape(atMillis, samples);
    }

    /** The sum of a metric's samples whose labels include every given pair (key, value, key, value, ...). */
    double sum(String name, String... labelPairs) {
        double total = 0;
        for (Sample s : samples) {
            if (s.name().equals(name) && matches(s.labels(), labelPairs)) {
                total += s.value();
            }
        }
        return total;
    }

    boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    private static boolean matches(Map<String, String> labels, String... pairs) {
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (!pairs[i + 1].equals(labels.get(pairs[i]))) {
                return false;
            }
        }
        return true;
    }

    private static double parseValue(String value) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(value);
        };
    }
}
