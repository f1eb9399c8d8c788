package io.campaignpilot.generation;

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

    public FeedbackSource(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<String> forNextRound(String campaignId) {
        List<String> notes = new ArrayList<>();
        jdbc.sql("select findings from policy_decision where campaign_id = ? and tier = 'BLOCKED' order by id desc")
                .param(campaignId).query(String.class).list().stream().findFirst()
                .ifPresent(f -> notes.add("Blocked by rules: " + f));
        jdbc.sql("select comment from review_decision where campaign_id = ? and decision = 'requestChanges' order by id desc")
                .param(campaignId).query(String.class).list().stream().findFirst()
                .ifPresent(c -> notes.add("Reviewer asked for changes: " + c));
        return notes;
    }
}
