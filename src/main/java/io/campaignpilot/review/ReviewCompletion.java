package io.campaignpilot.review;

import io.campaignpilot.campaign.Campaign;
import io.campaignpilot.campaign.CampaignRepository;
import io.campaignpilot.engine.ProcessNames;
import io.campaignpilot.knowledge.KnowledgeApproval;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What completing a review may do, whichever door it comes through (Tasklist, /engine-rest, Java): set only that
 * review's own decision fields, with a valid decision and the comment it needs, by a person allowed to decide it.
 * Everything that routes the campaign (tier, rounds, campaign id) stays server-side state no reviewer can touch.
 */
@Component
public class ReviewCompletion {
    /** The reviews a campaign goes through, each with the only variables its completion may set. */
    public enum Review {
        MARKETING(ProcessNames.MARKETING_REVIEW_TASK, "Marketing review", List.of("approve", "requestChanges", "reject"),
                ProcessNames.MARKETING_DECISION, ProcessNames.MARKETING_COMMENT, ProcessNames.MARKETING_APPROVAL_NOTE,
                CopyEdits.inputKeys()),
        LEGAL(ProcessNames.LEGAL_REVIEW_TASK, "Legal review", List.of("approve", "requestChanges", "reject"),
                ProcessNames.LEGAL_DECISION, ProcessNames.LEGAL_COMMENT, ProcessNames.LEGAL_APPROVAL_NOTE, List.of()),
        /** A marketing lead's decision on the learning drafted from a measurement (campaign-measurement.bpmn). */
        LEARNING(ProcessNames.LEARNING_REVIEW_TASK, "Learning review", List.of("approve", "reject"),
                ProcessNames.LEARNING_DECISION, ProcessNames.LEARNING_COMMENT, null, List.of(ProcessNames.LEARNING_TEXT));

        private final String taskKey;
        private final String label;
        private final List<String> decisions;
        private final String decisionField;
        private final String commentField;
        private final String noteField;
        private final Set<String> fields;

        /**
         * {@code noteField}: the approver's optional note, a field apart because the form requires the comment only
         * to request changes or reject (form-js cannot make one field's requirement depend on another).
         */
        Review(String taskKey, String label, Collection<String> decisions, String decisionField, String commentField,
               String noteField, Collection<String> more) {
            this.taskKey = taskKey;
            this.label = label;
            this.decisions = List.copyOf(decisions);
            this.decisionField = decisionField;
            this.commentField = commentField;
            this.noteField = noteField;
            Set<String> all = new TreeSet<>(List.of(decisionField, commentField));
            if (noteField != null) {
                all.add(noteField);
            }
            all.addAll(more);
            this.fields = Set.copyOf(all);
        }

        /** The reviewer's words among the task's variables: the comment, or else the approver's note. */
        public String comment(Map<String, ?> variables) {
            String comment = text(variables.get(commentField));
            if ((comment == null || comment.isBlank()) && noteField != null) {
                String note = text(variables.get(noteField));
                return note == null || note.isBlank() ? comment : note;
            }
            return comment;
        }

        /** The decisions its decision field accepts. */
        public List<String> decisions() {
            return decisions;
        }

        /** The BPMN user task's id (tiered-review.bpmn, campaign-measurement.bpmn). */
        public String taskKey() {
            return taskKey;
        }

        public String label() {
            return label;
        }

        public String decisionField() {
            return decisionField;
        }

        public String commentField() {
            return commentField;
        }

        /** The approver's optional note field, if the review has one. */
        public Optional<String> noteField() {
            return Optional.ofNullable(noteField);
        }

        public Set<String> fields() {
            return fields;
        }

        /** The review a BPMN user task stands for (by its id), if it is one. */
        public static Optional<Review> ofTask(String taskDefinitionKey) {
            return Arrays.stream(values()).filter(r -> r.taskKey.equals(taskDefinitionKey)).findFirst();
        }
    }

    /** Why a completion is refused; {@code forbidden} for who is deciding (403), otherwise for what was sent (400). */
    public record Refusal(boolean forbidden, String message) {
    }

    /** The open review task as the server knows it. */
    public record OpenReview(Review review, String campaignId, String assignee, Map<String, Object> currentVariables) {
    }

    private static final int MAX_COMMENT = 4000;

    private final CampaignRepository campaigns;
    private final ReviewDecisions decisions;

    public ReviewCompletion(CampaignRepository campaigns, ReviewDecisions decisions) {
        this.campaigns = campaigns;
        this.decisions = decisions;
    }

    /**
     * Judges a completion before the engine moves. {@code user} is the authenticated person, or null for the
     * application's own calls (which still may set only the review's fields).
     */
    public Optional<Refusal> judge(OpenReview open, String user, Map<String, Object> submitted) {
        Review review = open.review();
        // a form may send back the evidence it displayed; only a changed value would change state
        List<String> foreign = new ArrayList<>();
        for (Map.Entry<String, Object> entry : submitted.entrySet()) {
            if (!review.fields().contains(entry.getKey())
                    && !(open.currentVariables().containsKey(entry.getKey())
                    && Objects.equals(entry.getValue(), open.currentVariables().get(entry.getKey())))) {
                foreign.add(entry.getKey());
            }
        }
        if (!foreign.isEmpty()) {
            return refuse(false, "Completing the " + review.label() + " may set only " + String.join(", ", review.fields())
                    + "; refused: " + String.join(", ", new TreeSet<>(foreign)) + ". The campaign has not moved.");
        }
        // every field a review sets is text: a number or a flag in a decision, comment or copy edit is a mistake
        List<String> notText = review.fields().stream()
                .filter(field -> submitted.get(field) != null && !(submitted.get(field) instanceof String)).sorted().toList();
        if (!notText.isEmpty()) {
            return refuse(false, String.join(", ", notText) + (notText.size() == 1 ? " must be" : " must each be")
                    + " text. The campaign has not moved.");
        }
        String decision = text(submitted.getOrDefault(review.decisionField(), open.currentVariables().get(review.decisionField())));
        String comment = text(submitted.getOrDefault(review.commentField(), open.currentVariables().get(review.commentField())));
        if (decision == null || !review.decisions().contains(decision)) {
            List<String> allowed = review.decisions();
            return refuse(false, "Choose a decision: " + review.decisionField() + " must be "
                    + String.join(", ", allowed.subList(0, allowed.size() - 1)) + " or " + allowed.getLast()
                    + (decision == null ? "" : ", not \"" + decision + "\""));
        }
        if (!"approve".equals(decision) && (comment == null || comment.isBlank())) {
            return refuse(false, "Write a comment: it is required to " + ("reject".equals(decision) ? "reject" : "request changes")
                    + ", so the next person knows why");
        }
        if (comment != null && comment.length() > MAX_COMMENT) {
            return refuse(false, "The comment is " + comment.length() + " characters; at most " + MAX_COMMENT);
        }
        String note = review.noteField == null ? null : text(submitted.get(review.noteField));
        if (note != null && note.length() > MAX_COMMENT) {
            return refuse(false, "The note is " + note.length() + " characters; at most " + MAX_COMMENT);
        }
        if (review == Review.LEARNING && "approve".equals(decision)) {
            String learning = text(submitted.getOrDefault(ProcessNames.LEARNING_TEXT,
                    open.currentVariables().get(ProcessNames.LEARNING_TEXT)));
            if (learning == null || learning.isBlank()) {
                return refuse(false, "The learning is empty: write what later campaigns should know, or reject it");
            }
            if (learning.strip().length() > KnowledgeApproval.MAX_LEARNING) {
                return refuse(false, "The learning is " + learning.strip().length() + " characters; at most "
                        + KnowledgeApproval.MAX_LEARNING);
            }
        }
        boolean editing = review == Review.MARKETING && !CopyEdits.fromForm(submitted, open.currentVariables()).isEmpty();
        if (editing && !"approve".equals(decision)) {
            return refuse(false, "Edits to the copy are applied on approval only: undo them or choose Approve");
        }
        if (user == null) {
            return Optional.empty();
        }
        if (editing && !user.equals(open.assignee())) {
            return refuse(true, "Claim the task before editing its copy: edits are accepted only from the reviewer holding it");
        }
        if ("approve".equals(decision)) {
            Campaign campaign = campaigns.find(open.campaignId()).orElse(null);
            if (campaign != null && user.equals(campaign.createdBy())) {
                return refuse(true, user + " wrote this campaign's brief and cannot approve it: another reviewer must (four eyes)");
            }
            if (review == Review.LEGAL && approvedByMarketing(open.campaignId()).filter(user::equals).isPresent()) {
                return refuse(true, user + " gave this campaign's marketing approval and cannot also give its legal approval "
                        + "(four eyes)");
            }
        }
        return Optional.empty();
    }

    /** Who approved the campaign's current round in marketing review, if anyone has. */
    private Optional<String> approvedByMarketing(String campaignId) {
        List<ReviewDecision> all = decisions.decisions(campaignId);
        if (all.isEmpty()) {
            return Optional.empty();
        }
        int round = all.stream().mapToInt(ReviewDecision::round).max().orElse(0);
        return all.stream().filter(d -> d.round() == round && Review.MARKETING.label().equals(d.review())
                        && "approve".equals(d.decision()))
                .map(ReviewDecision::reviewer).reduce((first, second) -> second);
    }

    private static Optional<Refusal> refuse(boolean forbidden, String message) {
        return Optional.of(new Refusal(forbidden, message));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
