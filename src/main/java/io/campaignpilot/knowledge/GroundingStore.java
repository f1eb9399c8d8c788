package io.campaignpilot.knowledge;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;

/** The numbered sources a campaign was grounded in, kept with their versions for review and audit. */
@Component
public class GroundingStore {
    private final JdbcClient jdbc;

    public GroundingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void replace(String campaignId, List<GroundingSource> sources) {
        jdbc.sql("delete from campaign_source where campaign_id = ?").param(campaignId).update();
        for (GroundingSource s : sources) {
            jdbc.sql("""
                    insert into campaign_source (campaign_id, source_no, doc_id, chunk_id, doc_type, doc_version, title, score,
                        content, products)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(campaignId, s.number(), s.docId(), s.chunkId(), s.type().name(), s.version(), s.title(),
                            s.score(), s.text(), s.products().isEmpty() ? null : String.join(",", s.products()))
                    .update();
        }
    }

    public List<GroundingSource> sources(String campaignId) {
        return jdbc.sql("select * from campaign_source where campaign_id = ? order by source_no").param(campaignId)
                .query((rs, i) -> new GroundingSource(rs.getInt("source_no"), rs.getString("doc_id"),
                        rs.getString("chunk_id"), KnowledgeType.valueOf(rs.getString("doc_type")),
                        rs.getInt("doc_version"), rs.getString("title"), rs.getDouble("score"), rs.getString("content"),
                        products(rs.getString("products"))))
                .list();
    }

    private static List<String> products(String csv) {
        return csv == null ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
