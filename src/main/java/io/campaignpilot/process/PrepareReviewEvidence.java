package io.campaignpilot.process;

import io.campaignpilot.review.ReviewEvidence;
import org.camunda.bpm.engine.delegate.DelegateExecution;
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
        String id = Vars.campaignId(execution);
        ReviewEvidence.Evidence e = evidence.build(id);
        execution.setVariable("reviewVariants", shorten(e.variants(), id));
        execution.setVariable("reviewSources", shorten(e.sources(), id));
        execution.setVariable("reviewFindings", shorten(e.findings(), id));
        execution.setVariable("reviewSla", sla.toString());
        execution.setVariable("reviewDueAt", Instant.now().plus(sla).toString());
    }

    static String shorten(String text, String campaignId) {
        if (text.length() <= MAX) {
            return text;
        }
        String more = "\n… (shortened; full text at /api/campaigns/" + campaignId + ")";
        return text.substring(0, MAX - more.length()) + more;
    }
}
