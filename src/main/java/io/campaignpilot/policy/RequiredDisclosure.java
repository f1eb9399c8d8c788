package io.campaignpilot.policy;

/** A line an approved policy requires on every message about a category, in the regions it covers. */
public record RequiredDisclosure(String category, String line, String source, int version) {

    public String cite() {
        return source + " v" + version;
    }
}
