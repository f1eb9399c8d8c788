package io.campaignpilot.process;

import io.campaignpilot.review.ReviewEvidence;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/**
 * Puts the evidence the review forms show into the review's variables, and the review's due date.
 * Camunda keeps string variables up to 4,000 characters, so each text is shortened with a pointer
 * to the full record (GET /api/campaigns/{id}).
 */
@Component("prepareReviewEvidence")
public class PrepareReviewEvidence implements JavaDelegate {
    private static final int MAX = 3900;

    private final ReviewEvidence evidence;
    private final Duration sla;

    public PrepareReviewEvidence(ReviewEvidence evidence, @Value("${campaignpilot.review.sla:PT24H}") Duration sla) {
        this.evidence = evidence;
        this.sla = sla;
    }

    @Override
    public void execute(DelegateExecution execution) {
        refresh(execution, Vars.campaignId(execution));
        execution.setVariable("reviewSla", sla.toString());
        execution.setVariable("reviewDueAt", Instant.now().plus(sla).toString());
    }

    /** Writes the current evidence into the review's variables; also after an accepted edit, for the next reviewer. */
    public void refresh(VariableScope scope, String campaignId) {
        ReviewEvidence.Evidence e = evidence.build(campaignId);
        scope.setVariable("reviewVariants", shorten(e.variants(), campaignId));
        scope.setVariable("reviewSources", shorten(e.sources(), campaignId));
        scope.setVariable("reviewFindings", shorten(e.findings(), campaignId));
    }

    static String shorten(String text, String campaignId) {
        if (text.length() <= MAX) {
            return text;
        }
        String more = "\n… (shortened; full text at /api/campaigns/" + campaignId + ")";
        return text.substring(0, MAX - more.length()) + more;
    }
}
