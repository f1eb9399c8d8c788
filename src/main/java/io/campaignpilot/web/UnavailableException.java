package io.campaignpilot.web;

/** An outside system the request needs (search, a channel's provider) is away: answered 503 with the reason. */
public abstract class UnavailableException extends RuntimeException {
    protected UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
