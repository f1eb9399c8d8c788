package io.campaignpilot.measurement;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpilot.web.RowFile;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * A bulk import of orders and returns, as NDJSON (one JSON object per line) or CSV (a header row naming the fields).
 * Every row is read and checked on its own: good rows are recorded (once per event id, so a resent file is harmless),
 * each bad row is reported by its line and field and recorded nowhere.
 */
@Component
public class OutcomeBatch {
    public record Result(int received, int recorded, int duplicates, int rejected, List<RowFile.RowError> errors) {
    }

    private final Orders orders;
    private final RowFile<OrderOutcome> file;

    public OutcomeBatch(Orders orders, Validator validator, ObjectMapper mapper) {
        this.orders = orders;
        this.file = new RowFile<>(OrderOutcome.class, mapper, validator,
                "eventId, kind, customerId, sku, quantity, revenue, occurredAt, returnedOrder");
    }

    public Result importNdjson(String body) {
        return record(file.ndjson(body));
    }

    public Result importCsv(String body) {
        return record(file.csv(body));
    }

    private Result record(List<RowFile.Row<OrderOutcome>> rows) {
        int recorded = 0;
        int duplicates = 0;
        for (RowFile.Row<OrderOutcome> row : rows) {
            if (!row.ok()) {
                continue;
            }
            if (orders.record(row.value())) {
                recorded++;
            } else {
                duplicates++;
            }
        }
        int rejected = (int) rows.stream().filter(r -> !r.ok()).count();
        return new Result(rows.size(), recorded, duplicates, rejected, RowFile.errors(rows));
    }
}
