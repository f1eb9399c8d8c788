package io.campaignpilot.load;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What PostgreSQL did for the run's database between two readings of its statistics views: transactions, and rows
 * written per table. PostgreSQL's statistics reach the views a few seconds late (a busy connection reports at the
 * latest when it goes idle), so a reading taken after a phase waits for them.
 */
record DatabaseWork(long transactions, Map<String, Long> rowsWrittenByTable) {

    static DatabaseWork read(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            long transactions;
            try (ResultSet row = statement.executeQuery(
                    "select xact_commit + xact_rollback from pg_stat_database where datname = current_database()")) {
                row.next();
                transactions = row.getLong(1);
            }
            Map<String, Long> written = new LinkedHashMap<>();
            try (ResultSet rows = statement.executeQuery(
                    "select relname, n_tup_ins + n_tup_upd + n_tup_del from pg_stat_user_tables")) {
                while (rows.next()) {
                    written.put(rows.getString(1).toLowerCase(Locale.ROOT), rows.getLong(2));
                }
            }
            return new DatabaseWork(transactions, written);
        }
    }

    /** Per campaign since {@code before}: transactions, rows written, and the tables written most. */
    String perCampaign(DatabaseWork before, int campaigns, int tables) {
        double n = Math.max(campaigns, 1);
        Map<String, Long> delta = new LinkedHashMap<>();
        rowsWrittenByTable.forEach((table, rows) -> {
            long d = rows - before.rowsWrittenByTable.getOrDefault(table, 0L);
            if (d > 0) {
                delta.put(table, d);
            }
        });
        long rows = delta.values().stream().mapToLong(Long::longValue).sum();
        List<String> most = delta.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(tables).map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue() / n)).toList();
        return String.format(Locale.ROOT, "%.1f transactions, %.1f rows written (most: %s)",
                (transactions - before.transactions) / n, rows / n, most.stream().collect(Collectors.joining(", ")));
    }
}
