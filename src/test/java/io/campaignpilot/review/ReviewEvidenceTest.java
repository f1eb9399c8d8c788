package io.campaignpilot.review;

import io.campaignpilot.campaign.Channel;
import io.campaignpilot.generation.ChannelVariant;
import io.campaignpilot.knowledge.GroundingSource;
import io.campaignpilot.knowledge.KnowledgeType;
import io.campaignpilot.policy.Finding;
import io.campaignpilot.policy.PolicyDecision;
import io.campaignpilot.policy.RiskTier;
import io.campaignpilot.policy.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the review forms show, computed here rather than in the forms: the copy as customers see it, and its evidence. */
class ReviewEvidenceTest {
    private static final ChannelVariant EMAIL = new ChannelVariant(Channel.EMAIL, 1, Map.of("subject", "Vitamin D for winter",
            "preheader", "Darker days", "body", "Line one\nLine two", "callToAction", "Shop now"), List.of(1, 3),
            "grounded", null, null);
    private static final ChannelVariant SMS = new ChannelVariant(Channel.SMS, 1,
            Map.of("text", "x".repeat(200)), List.of(1), "grounded", null, null);
    private static final List<GroundingSource> SOURCES = List.of(
            new GroundingSource(1, "brand-voice", "c1", KnowledgeType.BRAND_VOICE, 2, "Our voice", 0.9, "Warm and plain."),
            new GroundingSource(2, "claims", "c2", KnowledgeType.CLAIM, 1, "Uncited claim", 0.8, "Never shown."),
            new GroundingSource(3, "learning-7", "c3", KnowledgeType.CAMPAIGN_LEARNING, 1, "Winter learning", 0.7,
                    "Short subjects won."));

    @Test
    void eachVariantReadsAsItsChannelShowsItWithTheSmsSegmentCount() {
        String preview = ReviewEvidence.preview(List.of(EMAIL, SMS));
        assertThat(preview).contains("#### Email · variant 1", "**Subject:** Vitamin D for winter", "**Preheader:** Darker days",
                "> Line one\n> Line two", "**Button:** Shop now", "*Cites \\[1\\] \\[3\\]");
        assertThat(preview).contains("#### SMS · variant 1", "*2 SMS segments · 200 characters*");
    }

    @Test
    void onlyTheSourcesTheCopyCitesAreShownWithTheirPassage() {
        String sources = ReviewEvidence.citedSources(List.of(EMAIL), SOURCES);
        assertThat(sources).contains("**[1] Our voice** · brand voice · brand\\-voice v2", "> Warm and plain.",
                "[3] Winter learning").doesNotContain("Uncited claim", "Never shown");
        assertThat(ReviewEvidence.learnings(List.of(EMAIL), SOURCES)).contains("*Cited by the copy.*", "Winter learning")
                .doesNotContain("Our voice");
        assertThat(ReviewEvidence.learnings(List.of(SMS), SOURCES)).contains("*Not cited by the copy.*", "Winter learning");
        assertThat(ReviewEvidence.citedSources(List.of(), SOURCES)).isEqualTo("The copy cites no source.");
    }

    @Test
    void findingsAreATableMostSeriousFirst() {
        PolicyDecision check = new PolicyDecision(1, "PRE_REVIEW", RiskTier.HIGH, "v7", List.of(
                new Finding("LONG_SUBJECT", Severity.REVIEW_MARKETING, "subject is long", "channel-limits", "email", null),
                new Finding("REGULATED_CATEGORY", Severity.REVIEW_LEGAL, "health product | supplements", "regulated", "email",
                        "HP-SUP-001")), Instant.now());
        String findings = ReviewEvidence.findings(List.of(check));
        assertThat(findings).startsWith("Tier **HIGH** · PRE\\_REVIEW check of round 1 · rules version v7")
                .contains("| Severity | Finding | Channel | Rule | Evidence |");
        assertThat(findings.indexOf("REGULATED")).isLessThan(findings.indexOf("LONG"));
        // a pipe in a finding cannot break the table
        assertThat(findings).contains("health product \\| supplements");
    }

    @Test
    void earlierCommentsAndWhatChangedSinceTheRoundBefore() {
        ChannelVariant before = new ChannelVariant(Channel.EMAIL, 1, Map.of("subject", "Vitamin D", "body", "Line one\nLine two"),
                List.of(1), "grounded", null, null);
        List<ReviewDecision> decided = List.of(new ReviewDecision(1, "Marketing review", "mary", "requestChanges",
                "Say winter in the subject", Instant.now()));
        String history = ReviewEvidence.history(decided, 2, List.of(before), List.of(EMAIL));
        assertThat(history).contains("| 1 | Marketing review | mary | Changes requested | Say winter in the subject |",
                "**What changed from round 1 to round 2**", "| email \\#1 | Subject | Vitamin D | Vitamin D for winter |",
                "| email \\#1 | Preheader | — | Darker days |").doesNotContain("| Body |");
        assertThat(ReviewEvidence.history(List.of(), 1, List.of(), List.of(EMAIL))).contains("first review");
    }

    @Test
    void legalReadsMarketingsDecisionCommentAndEditsOfTheRound() {
        List<ReviewDecision> decided = List.of(
                new ReviewDecision(1, "Marketing review", "mary", "requestChanges", "old", Instant.now()),
                new ReviewDecision(2, "Marketing review", "mary", "approve", "Tightened the subject", Instant.now()));
        String marketing = ReviewEvidence.marketing(decided, 2, List.of(
                new ReviewEvidence.EditMade("mary", "email #1", "subject", "Vitamin D", "Vitamin D for winter")));
        assertThat(marketing).contains("**Approved** by mary in round 2", "> Tightened the subject",
                "| email \\#1 | Subject | Vitamin D | Vitamin D for winter | mary |").doesNotContain("old");
        assertThat(ReviewEvidence.marketing(decided, 3, List.of())).isEqualTo("Marketing has not decided round 3 yet.");
    }

    @Test
    void copyCannotInjectMarkupOrMarkdown() {
        String hostile = "<script>alert(1)</script> [click](javascript:alert(1)) **bold** | cell";
        ChannelVariant v = new ChannelVariant(Channel.PUSH, 1, Map.of("title", hostile, "body", "<img src=x onerror=alert(1)>"),
                List.of(), "llm", null, null);
        String preview = ReviewEvidence.preview(List.of(v));
        assertThat(preview).doesNotContain("<script", "<img", "](javascript", "**bold**")
                .contains("&lt;script&gt;", "\\[click\\]\\(javascript:alert\\(1\\)\\)", "\\*\\*bold\\*\\*");
        assertThat(ReviewEvidence.cell("a | b\nc")).isEqualTo("a \\| b<br>c");
    }

    @Test
    void aLongTextIsShortenedAtALineWithALinkToCockpit() {
        String text = ("line of evidence\n").repeat(400);
        String shortened = ReviewEvidence.shorten(text, "c-1");
        assertThat(shortened.length()).isLessThanOrEqualTo(3900);
        assertThat(shortened).endsWith("[the full evidence is in Cockpit](/camunda/app/cockpit/default/#/campaigns/c-1)")
                .contains("line of evidence\n\n… shortened");
    }
}
