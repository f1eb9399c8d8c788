package io.campaignpilot.generation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * What the next generation round must address: the blocking rule findings of the last policy check and
 * the reviewer's comment when changes were requested.
 */
@Component
public class FeedbackSource {
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public FeedbackSource(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<String> forNextRound(String campaignId) {
        List<String> notes = new ArrayList<>();
        jdbc.sql("select findings from policy_decision where campaign_id = ? and tier = 'BLOCKED' and checkpoint = 'PRE_REVIEW' order by id desc")
                .param(campaignId).query(String.class).list().stream().findFirst()
                .ifPresent(f -> blocking(f).forEach(message -> notes.add("Blocked by rules: " + message)));
        jdbc.sql("select comment from review_decision where campaign_id = ? and decision = 'requestChanges' order by id desc")
                .param(campaignId).query(String.class).list().stream().findFirst()
                .ifPresent(c -> notes.add("Reviewer asked for changes: " + c));
        return notes;
    }

    /** The messages of the BLOCK findings: what the copy must fix, without the notes that need no change. */
    private List<String> blocking(String findings) {
        List<String> messages = new ArrayList<>();
        try {
            for (JsonNode f : json.readTree(findings)) {
                if ("BLOCK".equals(f.path("severity").asText())) {
                    messages.add(f.path("message").asText());
                }
            }
        } catch (JsonProcessingException e) {
            messages.add(findings);
        }
        return messages;
    }
}
