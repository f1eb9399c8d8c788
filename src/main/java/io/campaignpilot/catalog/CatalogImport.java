package io.campaignpilot.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpilot.intake.NotYetApplicableException;
import io.campaignpilot.web.FieldError;
import io.campaignpilot.web.RowFile;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The ERP's or PIM's product file: new products and changes to known ones, as NDJSON or CSV. Each good row is applied
 * in its own transaction, so one bad row never holds back the others; each bad row is answered by its line and field.
 * Product facts in search follow through the scheduled sync rather than one request per row.
 */
@Component
public class CatalogImport {
    /** {@code stale}: rows every fact of which was older than the catalog's (nothing changed; not an error). */
    public record Result(int received, int created, int updated, int stale, int rejected, List<RowFile.RowError> errors) {
    }

    private final CatalogFeed feed;
    private final RowFile<CatalogChange> file;

    public CatalogImport(CatalogFeed feed, Validator validator, ObjectMapper mapper) {
        this.feed = feed;
        this.file = new RowFile<>(CatalogChange.class, mapper, validator, "sku, name, brand, category, description, "
                + "price, unitCost, stock, regulated, constrained, occurredAt; stock by region only in NDJSON");
    }

    public Result importNdjson(String body) {
        return apply(file.ndjson(body));
    }

    public Result importCsv(String body) {
        return apply(file.csv(body));
    }

    private Result apply(List<RowFile.Row<CatalogChange>> rows) {
        List<RowFile.Row<CatalogChange>> outcome = new ArrayList<>();
        int created = 0;
        int updated = 0;
        int stale = 0;
        for (RowFile.Row<CatalogChange> row : rows) {
            if (!row.ok()) {
                outcome.add(row);
                continue;
            }
            List<String> unknownRegions = feed.unknownRegions(row.value());
            if (!unknownRegions.isEmpty()) {
                outcome.add(new RowFile.Row<>(row.line(), null, unknownRegions.stream().map(CatalogImport::problem).toList()));
                continue;
            }
            try {
                switch (feed.applyQuietly(row.value())) {
                    case CREATED -> created++;
                    case UPDATED -> updated++;
                    case STALE -> stale++;
                }
                outcome.add(row);
            } catch (NotYetApplicableException e) {
                outcome.add(RowFile.Row.refused(row.line(), new FieldError("sku", e.getMessage())));
            }
        }
        int rejected = (int) outcome.stream().filter(r -> !r.ok()).count();
        return new Result(rows.size(), created, updated, stale, rejected, RowFile.errors(outcome));
    }

    /** "stockByRegion.atlantis: is not one of …" as a field and its reason. */
    private static FieldError problem(String unknownRegion) {
        int colon = unknownRegion.indexOf(": ");
        return new FieldError(unknownRegion.substring(0, colon), unknownRegion.substring(colon + 2));
    }
}
