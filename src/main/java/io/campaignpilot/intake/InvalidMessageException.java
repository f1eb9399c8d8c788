package io.campaignpilot.intake;

/** A message no retry can apply: it goes to the dead-letter queue with this reason. */
public class InvalidMessageException extends RuntimeException {
    public InvalidMessageException(String reason) {
        super(reason);
    }
}
