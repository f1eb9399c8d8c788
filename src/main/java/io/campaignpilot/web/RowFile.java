package io.campaignpilot.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A file of records for a bulk import, as NDJSON (one JSON object per line) or CSV (a header row naming the fields):
 * each row bound strictly and validated on its own, a bad row reported by its line and field, never guessed at.
 */
public final class RowFile<T> {
    /** A file larger than this is split by the sender: one request should not hold a connection for minutes. */
    public static final int MAX_ROWS = 10_000;

    /** One row: its line in the file (the CSV header is line 1), and its value or what is wrong with it. */
    public record Row<T>(int line, T value, List<FieldError> problems) {
        public boolean ok() {
            return value != null;
        }

        public static <T> Row<T> refused(int line, FieldError problem) {
            return new Row<>(line, null, List.of(problem));
        }
    }

    /** One refused row as the answer lists it. */
    public record RowError(int line, String field, String reason) {
    }

    private final Validator validator;
    private final ObjectReader json;
    private final ObjectReader csv;
    private final String csvFields;

    /** {@code csvFields} names the header row's fields, for the message when a file is not CSV at all. */
    public RowFile(Class<T> type, ObjectMapper mapper, Validator validator, String csvFields) {
        this.validator = validator;
        this.json = mapper.readerFor(type);
        CsvMapper csvMapper = CsvMapper.builder().findAndAddModules()
                .enable(CsvParser.Feature.EMPTY_STRING_AS_NULL)
                .enable(CsvParser.Feature.FAIL_ON_MISSING_HEADER_COLUMNS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        this.csv = csvMapper.readerFor(type).with(CsvSchema.emptySchema().withHeader());
        this.csvFields = csvFields;
    }

    public List<Row<T>> ndjson(String body) {
        List<Row<T>> rows = new ArrayList<>();
        String[] lines = body.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                rows.add(readJson(i + 1, lines[i]));
            }
        }
        return limited(rows);
    }

    public List<Row<T>> csv(String body) {
        List<Row<T>> rows = new ArrayList<>();
        try (MappingIterator<T> it = csv.readValues(body)) {
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
        return limited(rows);
    }

    /** The refused rows' problems, one error per field. */
    public static List<RowError> errors(List<? extends Row<?>> rows) {
        List<RowError> errors = new ArrayList<>();
        rows.stream().filter(r -> !r.ok())
                .forEach(r -> r.problems().forEach(p -> errors.add(new RowError(r.line(), p.field(), p.reason()))));
        return errors;
    }

    private Row<T> readJson(int line, String text) {
        try {
            return checked(line, json.readValue(text));
        } catch (JsonProcessingException e) {
            return Row.refused(line, ApiErrors.readError(e));
        }
    }

    private Row<T> checked(int line, T value) {
        if (value == null) {
            return Row.refused(line, new FieldError("row", "is empty"));
        }
        List<FieldError> problems = validator.validate(value).stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map((ConstraintViolation<T> v) -> new FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .toList();
        return problems.isEmpty() ? new Row<>(line, value, List.of()) : new Row<>(line, null, problems);
    }

    private static <T> List<Row<T>> limited(List<Row<T>> rows) {
        if (rows.isEmpty()) {
            throw new InvalidInputException("body", "has no rows");
        }
        if (rows.size() > MAX_ROWS) {
            throw new InvalidInputException("body", "has " + rows.size() + " rows; send at most " + MAX_ROWS + " per request");
        }
        return rows;
    }

    private InvalidInputException notCsv(Exception e) {
        return new InvalidInputException("body", "is not CSV with a header row of the fields (" + csvFields + "): "
                + e.getMessage());
    }
}
