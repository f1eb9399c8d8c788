package io.campaignpilot.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Orders and returns from the commerce platform, one at a time and as a file, with every bad row named. */
class OutcomeImportTest extends ApiTestBase {
    @Autowired
    JdbcClient jdbc;

    @Test
    void anNdjsonFileIsRecordedRowByRowAndBadRowsAreNamedByLineAndField() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String file = """
                {"eventId": "%1$s-o1", "customerId": 17, "sku": "HP-OUT-004", "quantity": 2, "revenue": 78.40, "occurredAt": "2026-11-21T10:00:00Z"}
                {"eventId": "%1$s-o2", "customerId": 18, "sku": "HP-OUT-004", "quantity": 0, "revenue": 39.20, "occurredAt": "2026-11-21T10:00:00Z"}

                {"eventId": "%1$s-o3", "customerId": 19, "sku": "HP-OUT-004", "quantity": 1, "revenue": "lots", "occurredAt": "2026-11-21T10:00:00Z"}
                {"eventId": "%1$s-r1", "kind": "RETURN", "returnedOrder": "%1$s-o1", "customerId": 17, "sku": "HP-OUT-004", "quantity": 1, "revenue": 39.20, "occurredAt": "2026-11-22T10:00:00Z"}
                {"eventId": "%1$s-o1", "customerId": 17, "sku": "HP-OUT-004", "quantity": 2, "revenue": 78.40, "occurredAt": "2026-11-21T10:00:00Z"}
                {"eventId": "%1$s-o4", "customerId": 20, "sku": "HP-OUT-004", "quantity": 1, "revenue": 39.20, "occurredAt": "2026-11-21T10:00:00Z", "coupon": "X"}
                not json
                """.formatted(run);

        JsonNode result = read(batch("application/x-ndjson", file).body());

        assertThat(result.path("received").asInt()).isEqualTo(7);
        assertThat(result.path("recorded").asInt()).isEqualTo(2);
        assertThat(result.path("duplicates").asInt()).isEqualTo(1);
        assertThat(result.path("rejected").asInt()).isEqualTo(4);
        assertThat(result.path("errors").findValuesAsText("line")).containsExactly("2", "4", "7", "8");
        assertThat(result.path("errors").findValuesAsText("field")).containsExactly("quantity", "revenue", "coupon", "body");
        assertThat(result.path("errors").get(0).path("reason").asText()).isEqualTo("must be a whole number of at least 1");
        assertThat(result.path("errors").get(2).path("reason").asText()).startsWith("is not a known field");
        // the return takes its refund off the customer's revenue
        assertThat(jdbc.sql("select sum(revenue) from order_event where customer_id = 17 and event_id like ?")
                .param(run + "%").query(BigDecimal.class).single()).isEqualByComparingTo("39.20");
    }

    @Test
    void aCsvFileWithAHeaderRow() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String file = """
                eventId,kind,customerId,sku,quantity,revenue,occurredAt,returnedOrder
                %1$s-c1,ORDER,21,HP-OUT-004,1,39.20,2026-11-21T10:00:00Z,
                %1$s-c2,,22,HP-OUT-004,1,-5,2026-11-21T10:00:00Z,
                %1$s-c3,REFUND,23,HP-OUT-004,1,39.20,2026-11-21T10:00:00Z,
                %1$s-c4,RETURN,21,HP-OUT-004,1,39.20,2026-11-23T10:00:00Z,%1$s-c1
                """.formatted(run);

        JsonNode result = read(batch("text/csv", file).body());

        assertThat(result.path("recorded").asInt()).isEqualTo(2);
        assertThat(result.path("errors").findValuesAsText("line")).containsExactly("3", "4");
        assertThat(result.path("errors").findValuesAsText("field")).containsExactly("revenue", "kind");
        assertThat(result.path("errors").get(1).path("reason").asText()).contains("RETURN");
        assertThat(jdbc.sql("select count(*) from order_event where event_id like ?").param(run + "%")
                .query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void onlyIntegratorsImportAndAnEmptyFileIsRefused() {
        HttpResponse<String> asMary = send(HttpRequest.newBuilder(uri("/api/outcomes/batch"))
                .header("Content-Type", "text/csv").header("Authorization", basic("mary"))
                .POST(HttpRequest.BodyPublishers.ofString("eventId\nx\n")).build());
        assertThat(asMary.statusCode()).isEqualTo(403);

        HttpResponse<String> empty = batch("application/x-ndjson", "\n\n");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(read(empty.body()).path("errors").get(0).path("reason").asText()).isEqualTo("has no rows");
    }

    private HttpResponse<String> batch(String contentType, String body) {
        return send(HttpRequest.newBuilder(uri("/api/outcomes/batch")).header("Content-Type", contentType)
                .header("Authorization", basic("integration")).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
