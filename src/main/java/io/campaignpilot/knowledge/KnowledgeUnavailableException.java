package io.campaignpilot.knowledge;

import io.campaignpilot.web.UnavailableException;

/** Elasticsearch could not be reached or did not answer in time: the calling step retries, then raises an incident. */
public class KnowledgeUnavailableException extends UnavailableException {
    public KnowledgeUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
