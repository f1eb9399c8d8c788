package io.campaignpilot.measurement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.campaignpilot.web.ApiErrors;
import io.campaignpilot.web.FieldError;
import io.campaignpilot.web.InvalidInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A bulk import of orders and returns, as NDJSON (one JSON object per line) or CSV (a header row naming the fields).
 * Every row is read and checked on its own: good rows are recorded (once per event id, so a resent file is harmless),
 * each bad row is reported by its line and field and recorded nowhere.
 */
@Component
public class OutcomeBatch {
    /** A file larger than this is split by the sender: one request should not hold a connection for minutes. */
    static final int MAX_ROWS = 10_000;

    /** One refused row: its line in the file (the CSV header is line 1), the field and why. */
    public record RowError(int line, String field, String reason) {
    }

    public record Result(int received, int recorded, int duplicates, int rejected, List<RowError> errors) {
    }

    private final Orders orders;
    private final Validator validator;
    private final ObjectReader json;
    private final ObjectReader csv;

    public OutcomeBatch(Orders orders, Validator validator, ObjectMapper mapper) {
        this.orders = orders;
        this.validator = validator;
        this.json = mapper.readerFor(OrderOutcome.class);
        CsvMapper csvMapper = CsvMapper.builder().findAndAddModules()
                .enable(CsvParser.Feature.EMPTY_STRING_AS_NULL)
                .enable(CsvParser.Feature.FAIL_ON_MISSING_HEADER_COLUMNS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        this.csv = csvMapper.readerFor(OrderOutcome.class).with(CsvSchema.emptySchema().withHeader());
    }

    public Result importNdjson(String body) {
        List<Row> rows = new ArrayList<>();
        String[] lines = body.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                rows.add(readJson(i + 1, lines[i]));
            }
        }
        return record(rows);
    }

    public Result importCsv(String body) {
        List<Row> rows = new ArrayList<>();
        try (MappingIterator<OrderOutcome> it = csv.readValues(body)) {
            int lastRefused = -1;
            while (true) {
                try {
                    if (!it.hasNextValue()) {
                        break;
                    }
                    int line = it.getCurrentLocation().getLineNr();
                    rows.add(checked(line, it.nextValue()));
                } catch (JsonProcessingException e) {
                    int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
                    if (line == lastRefused || line < 0) {
                        throw notCsv(e); // the reader cannot get past this row: the file itself is broken
                    }
                    lastRefused = line;
                    rows.add(Row.refused(line, ApiErrors.readError(e)));
                }
            }
        } catch (IOException e) {
            throw notCsv(e);
        }
        return record(rows);
    }

    private Row readJson(int line, String text) {
        try {
            return checked(line, json.readValue(text));
        } catch (JsonProcessingException e) {
            return Row.refused(line, ApiErrors.readError(e));
        }
    }

    private Row checked(int line, OrderOutcome outcome) {
        if (outcome == null) {
            return Row.refused(line, new FieldError("row", "is empty"));
        }
        List<FieldError> problems = validator.validate(outcome).stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map((ConstraintViolation<OrderOutcome> v) -> new FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .toList();
        return problems.isEmpty() ? new Row(line, outcome, List.of()) : new Row(line, null, problems);
    }

    private Result record(List<Row> rows) {
        if (rows.isEmpty()) {
            throw new InvalidInputException("body", "has no rows");
        }
        if (rows.size() > MAX_ROWS) {
            throw new InvalidInputException("body", "has " + rows.size() + " rows; send at most " + MAX_ROWS + " per request");
        }
        int recorded = 0;
        int duplicates = 0;
        List<RowError> errors = new ArrayList<>();
        for (Row row : rows) {
            if (row.outcome() == null) {
                row.problems().forEach(p -> errors.add(new RowError(row.line(), p.field(), p.reason())));
            } else if (orders.record(row.outcome())) {
                recorded++;
            } else {
                duplicates++;
            }
        }
        int rejected = (int) rows.stream().filter(r -> r.outcome() == null).count();
        return new Result(rows.size(), recorded, duplicates, rejected, errors);
    }

    private static InvalidInputException notCsv(Exception e) {
        return new InvalidInputException("body", "is not CSV with a header row of the fields (eventId, kind, customerId, "
                + "sku, quantity, revenue, occurredAt, returnedOrder): " + e.getMessage());
    }

    private record Row(int line, OrderOutcome outcome, List<FieldError> problems) {
        static Row refused(int line, FieldError problem) {
            return new Row(line, null, List.of(problem));
        }
    }
}
