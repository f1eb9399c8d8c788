package io.campaignpilot.catalog;

import io.campaignpilot.web.InvalidInputException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The ERP's and PIM's door for product files: new products, prices, costs, stock (by region) and supply constraints. */
@RestController
public class CatalogController {
    static final int MAX_FILE_CHARS = 20_000_000;

    private final CatalogImport imports;

    public CatalogController(CatalogImport imports) {
        this.imports = imports;
    }

    /** One product or change per line (JSON): good rows are applied, bad rows listed by line and field. */
    @PostMapping(path = "/api/catalog/products/batch", consumes = "application/x-ndjson")
    public CatalogImport.Result ndjson(@RequestBody String body) {
        return imports.importNdjson(limited(body));
    }

    /** The same as CSV with a header row naming the fields (stock by region only in NDJSON). */
    @PostMapping(path = "/api/catalog/products/batch", consumes = "text/csv")
    public CatalogImport.Result csv(@RequestBody String body) {
        return imports.importCsv(limited(body));
    }

    private static String limited(String body) {
        if (body.length() > MAX_FILE_CHARS) {
            throw new InvalidInputException("body", "is larger than " + MAX_FILE_CHARS + " characters: split the file");
        }
        return body;
    }
}
