package io.campaignpilot.personaldata;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Replaces a customer's personal values wherever they occur in text columns, in plain SQL that H2 and PostgreSQL share. */
final class TextScrubber {
    private final JdbcClient jdbc;
    private final List<String> values;

    TextScrubber(JdbcClient jdbc, List<String> values) {
        this.jdbc = jdbc;
        this.values = values;
    }

    /** Rows of the table in which any of the columns held a value; each value is replaced by {@code erased}. */
    int scrub(String table, String... columns) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Object> params = new ArrayList<>();
        StringJoiner set = new StringJoiner(", ");
        for (String column : columns) {
            String expression = column;
            for (String value : values) {
                expression = "replace(" + expression + ", ?, ?)";
                params.add(value);
                params.add(Addresses.ERASED);
            }
            set.add(column + " = " + expression);
        }
        StringJoiner where = new StringJoiner(" or ");
        for (String column : columns) {
            for (String value : values) {
                where.add(column + " like ? escape '!'");
                params.add(like(value));
            }
        }
        return jdbc.sql("update " + table + " set " + set + " where " + where).params(params).update();
    }

    /** (id, text) of the rows whose column holds any of the values. */
    Map<Long, String> rowsContaining(String table, String idColumn, String column) {
        Map<Long, String> rows = new LinkedHashMap<>();
        if (values.isEmpty()) {
            return rows;
        }
        StringJoiner where = new StringJoiner(" or ");
        values.forEach(v -> where.add(column + " like ? escape '!'"));
        jdbc.sql("select " + idColumn + ", " + column + " from " + table + " where " + where)
                .params(values.stream().map(TextScrubber::like).toList())
                .query(rs -> {
                    rows.put(rs.getLong(1), rs.getString(2));
                });
        return rows;
    }

    /** Text stored as bytes (stack traces, error details) in the rows the query selects as (id, bytes). */
    int scrubBytes(String selectIdAndBytes, String update) {
        int rows = 0;
        List<Object[]> found = jdbc.sql(selectIdAndBytes)
                .query((rs, i) -> new Object[]{rs.getString(1), rs.getBytes(2)}).list();
        for (Object[] row : found) {
            if (row[1] == null) {
                continue;
            }
            String text = new String((byte[]) row[1], StandardCharsets.UTF_8);
            String scrubbed = replaceAll(text);
            if (!scrubbed.equals(text)) {
                rows += jdbc.sql(update).params(scrubbed.getBytes(StandardCharsets.UTF_8), row[0]).update();
            }
        }
        return rows;
    }

    String replaceAll(String text) {
        String result = text;
        for (String value : values) {
            result = result.replace(value, Addresses.ERASED);
        }
        return result;
    }

    boolean containsAny(String text) {
        return text != null && values.stream().anyMatch(text::contains);
    }

    /** A LIKE pattern that finds the value anywhere, with LIKE's own wildcards in it taken literally. */
    static String like(String value) {
        return "%" + value.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
