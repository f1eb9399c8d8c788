package io.campaignpilot.knowledge;

/** One retrieved chunk, numbered for citation as [n] in prompts, variants and review forms. */
public record GroundingSource(int number, String docId, String chunkId, KnowledgeType type, int version,
                             String title, double score, String text) {
}
