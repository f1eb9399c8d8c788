package io.campaignpilot.knowledge;

/** A source a variant cites, pinned to the document version and chunk it was built from. */
public record Citation(int number, String docId, int version, String chunkId, KnowledgeType type, double score) {

    public static Citation of(GroundingSource s) {
        return new Citation(s.number(), s.docId(), s.version(), s.chunkId(), s.type(), s.score());
    }
}
