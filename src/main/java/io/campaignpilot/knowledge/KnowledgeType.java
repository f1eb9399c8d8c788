package io.campaignpilot.knowledge;

/** Kinds of approved enterprise knowledge a variant can be grounded in. */
public enum KnowledgeType {
    BRAND_VOICE, CLAIM, PRODUCT_FACT, POLICY, CAMPAIGN_LEARNING
}
