package io.campaignpilot.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignpilot.catalog.Catalog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ERP/PIM product file through {@code POST /api/catalog/products/batch}: new products and changes applied row by
 * row, bad rows answered by line and field, and the facts the pre-publish check reads changed.
 */
class CatalogImportTest extends ApiTestBase {
    @Autowired
    Catalog catalog;

    @Test
    void goodRowsAreAppliedAndEachBadRowIsNamedByLineAndField() throws Exception {
        String sku = "IMP-" + UUID.randomUUID().toString().substring(0, 8);
        String file = """
                {"sku": "%1$s", "name": "Camp Kettle 1 l", "brand": "Trailhead", "category": "outdoor", "description": "A kettle.", "price": 24.00, "unitCost": 9.50, "stock": 300, "occurredAt": "2026-11-20T09:00:00Z"}
                {"sku": "%1$s", "price": 21.00, "stockByRegion": {"south": 25, "north": 0}, "occurredAt": "2026-11-21T09:00:00Z"}
                {"sku": "NEVER-SEEN-%1$s", "price": 5.00, "occurredAt": "2026-11-21T09:00:00Z"}
                {"sku": "%1$s", "price": -1, "occurredAt": "2026-11-21T09:00:00Z"}

                {"sku": "%1$s", "stockByRegion": {"atlantis": 3}, "occurredAt": "2026-11-21T09:00:00Z"}
                {"sku": "%1$s", "colour": "red", "occurredAt": "2026-11-21T09:00:00Z"}
                this is not json
                {"sku": "%1$s", "occurredAt": "2026-11-21T09:00:00Z"}""".formatted(sku);

        HttpResponse<String> answer = send(request("/api/catalog/products/batch", "integration", "application/x-ndjson", file));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode result = json.readTree(answer.body());
        assertThat(result.path("received").asInt()).isEqualTo(8);
        assertThat(result.path("created").asInt()).isEqualTo(1);
        assertThat(result.path("updated").asInt()).isEqualTo(1);
        assertThat(result.path("rejected").asInt()).isEqualTo(6);
        assertThat(errorAt(result, 3).path("field").asText()).isEqualTo("sku");
        assertThat(errorAt(result, 3).path("reason").asText()).contains("is not in the catalog yet");
        assertThat(errorAt(result, 4).path("field").asText()).isEqualTo("price");
        assertThat(errorAt(result, 6).path("field").asText()).isEqualTo("stockByRegion.atlantis");
        assertThat(errorAt(result, 7).path("field").asText()).isEqualTo("colour");
        assertThat(errorAt(result, 8).path("field").asText()).isEqualTo("body");
        assertThat(errorAt(result, 9).path("reason").asText()).contains("names nothing to change");

        // what the pre-publish check reads: the new price and the south's allocation
        assertThat(catalog.find(sku).orElseThrow().price()).isEqualByComparingTo("21.00");
        assertThat(catalog.find(sku).orElseThrow().stock()).isEqualTo(300);
        assertThat(catalog.stockIn(sku, "south")).isEqualTo(25);
        assertThat(catalog.stockIn(sku, "north")).isZero();
        assertThat(catalog.find("NEVER-SEEN-" + sku)).isEmpty();
    }

    @Test
    void aChangeOlderThanTheFactOnRecordDoesNotUndoTheNewerOne() throws Exception {
        String sku = "ORD-" + UUID.randomUUID().toString().substring(0, 8);
        // the newest price and the south's stock arrive first; an older change to both, and a newer one to the north, late
        String file = """
                {"sku": "%1$s", "name": "Camp Stove", "brand": "Trailhead", "category": "outdoor", "description": "A stove.", "price": 60.00, "unitCost": 25.00, "stock": 100, "occurredAt": "2026-11-20T09:00:00Z"}
                {"sku": "%1$s", "price": 49.00, "stockByRegion": {"south": 40}, "occurredAt": "2026-11-22T09:00:00Z"}
                {"sku": "%1$s", "price": 55.00, "stockByRegion": {"south": 10}, "occurredAt": "2026-11-21T09:00:00Z"}
                {"sku": "%1$s", "price": 52.00, "stockByRegion": {"north": 7}, "occurredAt": "2026-11-21T12:00:00Z"}""".formatted(sku);

        HttpResponse<String> answer = send(request("/api/catalog/products/batch", "integration", "application/x-ndjson", file));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode result = json.readTree(answer.body());
        assertThat(result.path("created").asInt()).isEqualTo(1);
        assertThat(result.path("updated").asInt()).as("the last row's north stock is new").isEqualTo(2);
        assertThat(result.path("stale").asInt()).as("every fact of the third row is older").isEqualTo(1);
        assertThat(result.path("rejected").asInt()).isZero();
        assertThat(catalog.find(sku).orElseThrow().price()).isEqualByComparingTo("49.00");
        assertThat(catalog.stockIn(sku, "south")).isEqualTo(40);
        assertThat(catalog.stockIn(sku, "north")).isEqualTo(7);
        assertThat(catalog.find(sku).orElseThrow().stock()).as("the stock on record since creation").isEqualTo(100);
    }

    @Test
    void aCsvFileChangesPricesAndSupplyConstraints() throws Exception {
        String sku = "CSV-" + UUID.randomUUID().toString().substring(0, 8);
        String file = """
                sku,name,brand,category,description,price,unitCost,stock,regulated,constrained,occurredAt
                %1$s,Trail Mug,Trailhead,outdoor,A mug.,9.90,3.10,120,false,,2026-11-20T09:00:00Z
                %1$s,,,,,8.90,,,,true,2026-11-21T09:00:00Z
                %1$s,,,,,abc,,,,,2026-11-21T09:00:00Z
                """.formatted(sku);

        HttpResponse<String> answer = send(request("/api/catalog/products/batch", "integration", "text/csv", file));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode result = json.readTree(answer.body());
        assertThat(result.path("created").asInt()).isEqualTo(1);
        assertThat(result.path("updated").asInt()).isEqualTo(1);
        assertThat(errorAt(result, 4).path("field").asText()).isEqualTo("price");
        assertThat(catalog.find(sku).orElseThrow().price()).isEqualByComparingTo("8.90");
        assertThat(catalog.find(sku).orElseThrow().constrained()).isTrue();
    }

    @Test
    void onlyIntegratorsImportAndAnEmptyFileIsRefused() throws Exception {
        String row = "{\"sku\": \"HP-OUT-004\", \"price\": 1.00, \"occurredAt\": \"2026-11-21T09:00:00Z\"}";
        assertThat(send(request("/api/catalog/products/batch", "mary", "application/x-ndjson", row)).statusCode())
                .isEqualTo(403);
        HttpResponse<String> empty = send(request("/api/catalog/products/batch", "integration", "application/x-ndjson", "\n"));
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("has no rows");
    }

    private HttpRequest request(String path, String user, String type, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", basic(user))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static JsonNode errorAt(JsonNode result, int line) {
        for (JsonNode error : result.path("errors")) {
            if (error.path("line").asInt() == line) {
                return error;
            }
        }
        throw new AssertionError("no error on line " + line + ": " + result.path("errors"));
    }
}
