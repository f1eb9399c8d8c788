package io.campaignpilot.catalog;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * What was in stock of a campaign's promoted products, in its region, when it went out and when its measurement
 * window closed. The catalog keeps only today's stock, so these two readings are what inventory alignment is judged
 * on; the first reading of a moment stands (a retried step does not move it).
 */
@Component
public class StockSnapshots {
    /** When a reading is taken. */
    public enum Moment { AT_SEND, WINDOW_END }

    private final JdbcClient jdbc;
    private final Catalog catalog;

    public StockSnapshots(JdbcClient jdbc, Catalog catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    public void take(String campaignId, String region, List<String> skus, Moment moment) {
        Timestamp now = Timestamp.from(Instant.now());
        for (String sku : skus) {
            int units = catalog.stockIn(sku, region);
            try {
                jdbc.sql("""
                        insert into stock_snapshot (campaign_id, sku, moment, region, units, taken_at)
                        select ?, ?, ?, ?, ?, ? where not exists (
                            select 1 from stock_snapshot where campaign_id = ? and sku = ? and moment = ?)""")
                        .params(campaignId, sku, moment.name(), region, units, now, campaignId, sku, moment.name())
                        .update();
            } catch (DuplicateKeyException takenAtTheSameMoment) {
                // another attempt recorded it first: the first reading stands
            }
        }
    }
}
