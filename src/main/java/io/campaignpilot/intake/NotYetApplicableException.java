package io.campaignpilot.intake;

/** A message that refers to something not there yet (a product before its import): the inbox tries it again later. */
public class NotYetApplicableException extends RuntimeException {
    public NotYetApplicableException(String reason) {
        super(reason);
    }
}
