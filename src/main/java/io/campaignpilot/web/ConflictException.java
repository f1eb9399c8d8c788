package io.campaignpilot.web;

/** The thing the request would change is changing at this moment: answered 409, and trying again later works. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
