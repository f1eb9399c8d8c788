package io.campaignpilot.review;

/** The copy of a campaign under review may be edited only by the reviewer holding its open marketing review. */
public class NotTheReviewerException extends RuntimeException {
    public NotTheReviewerException(String message) {
        super(message);
    }
}
