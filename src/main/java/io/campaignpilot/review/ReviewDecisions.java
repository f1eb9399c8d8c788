package io.campaignpilot.review;

import io.campaignpilot.audit.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Records who decided what on which review, and validates the decision first. */
@Component
public class ReviewDecisions {
    public static final Set<String> DECISIONS = Set.of("approve", "reject", "requestChanges");

    private final JdbcClient jdbc;
    private final AuditLog audit;

    public ReviewDecisions(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public void record(String campaignId, int round, String review, String reviewer, String decision, String comment) {
        if (decision == null || !DECISIONS.contains(decision)) {
            throw new IllegalArgumentException("decision must be one of " + DECISIONS + ", was " + decision);
        }
        if (!"approve".equals(decision) && (comment == null || comment.isBlank())) {
            throw new IllegalArgumentException("a comment is required to " + decision);
        }
        jdbc.sql("""
                insert into review_decision (campaign_id, round, review, reviewer, decision, comment, decided_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(campaignId, round, review, reviewer, decision, comment, Timestamp.from(Instant.now()))
                .update();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("round", round);
        detail.put("review", review);
        detail.put("decision", decision);
        detail.put("comment", comment);
        audit.record(campaignId, reviewer, "REVIEW_DECIDED", detail);
    }

    /**
     * What the recorded decisions of a round add up to: REJECTED or CHANGES_REQUESTED as soon as one reviewer says so,
     * APPROVED once marketing (and, where required, legal) approved; empty while the decisions the tier needs are missing.
     */
    public Optional<String> outcome(String campaignId, int round, boolean legalRequired) {
        List<ReviewDecision> inRound = decisions(campaignId).stream().filter(d -> d.round() == round).toList();
        if (inRound.stream().anyMatch(d -> "reject".equals(d.decision()))) {
            return Optional.of("REJECTED");
        }
        if (inRound.stream().anyMatch(d -> "requestChanges".equals(d.decision()))) {
            return Optional.of("CHANGES_REQUESTED");
        }
        boolean marketing = approved(inRound, ReviewCompletion.Review.MARKETING);
        boolean legal = approved(inRound, ReviewCompletion.Review.LEGAL);
        return marketing && (legal || !legalRequired) ? Optional.of("APPROVED") : Optional.empty();
    }

    private static boolean approved(List<ReviewDecision> decisions, ReviewCompletion.Review review) {
        return decisions.stream().anyMatch(d -> review.label().equals(d.review()) && "approve".equals(d.decision()));
    }

    public List<ReviewDecision> decisions(String campaignId) {
        return jdbc.sql("select * from review_decision where campaign_id = ? order by id").param(campaignId)
                .query((rs, i) -> new ReviewDecision(rs.getInt("round"), rs.getString("review"), rs.getString("reviewer"),
                        rs.getString("decision"), rs.getString("comment"), rs.getTimestamp("decided_at").toInstant()))
                .list();
    }
}
