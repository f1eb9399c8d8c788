package io.campaignpilot.engine;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one place for the names the BPMN models ({@code processes/}), forms ({@code forms/}), delegates, capabilities
 * and tests share: process keys, messages, external-task topics, user tasks, forms and process variables. A name
 * here is spelled nowhere else. ProcessNamesTest fails when a model or form uses a name not declared here, and when a
 * name declared here is used by no model or form (unless it is {@link CodeOnly}).
 */
public final class ProcessNames {

    // ---- Process keys (processes/*.bpmn) ----
    /** A campaign from trigger or brief to its end: calls the three below. */
    public static final String LIFECYCLE = "campaign-lifecycle";
    public static final String VARIANT_GENERATION = "variant-generation";
    public static final String TIERED_REVIEW = "tiered-review";
    public static final String CHANNEL_PUBLISHING = "channel-publishing";
    /** Started on its own by ScheduleMeasurement once a campaign is published; waits for the window to close. */
    public static final String MEASUREMENT = "campaign-measurement";

    // ---- Messages ----
    /** Starts a lifecycle from the trigger API (a brief starts it from the start form instead). */
    public static final String CAMPAIGN_TRIGGERED = "CampaignTriggered";
    /** Interrupts a running lifecycle: the campaign ends as Withdrawn. */
    public static final String CAMPAIGN_WITHDRAWN = "CampaignWithdrawn";

    // ---- External-task topics, worked by the in-app workers in process/ ----
    /** The lifecycle's "Retrieve grounding", worked by RetrieveGrounding. */
    public static final String GROUNDING_TOPIC = "grounding-retrieval";
    /** The variant-generation model's "Write variants for channel", worked by GenerateChannelVariant. */
    public static final String COPY_TOPIC = "copy-generation";
    /** The channel-publishing model's "Dispatch deliveries", worked by DispatchDeliveries. */
    public static final String CHANNEL_DISPATCH_TOPIC = "channel-dispatch";
    /** The measurement model's "Put learning into use", worked by PublishLearning (writes to search). */
    public static final String LEARNING_PUBLICATION_TOPIC = "learning-publication";

    // ---- User tasks (their ids in tiered-review.bpmn) and forms (forms/*.form) ----
    public static final String MARKETING_REVIEW_TASK = "MarketingReview";
    public static final String LEGAL_REVIEW_TASK = "LegalReview";
    /** The lifecycle's start form: a manager's brief. */
    public static final String BRIEF_FORM = "brief-start";
    public static final String MARKETING_REVIEW_FORM = "marketing-review";
    public static final String LEGAL_REVIEW_FORM = "legal-review";
    /** A marketing lead's decision on a learning drafted from a measurement (campaign-measurement.bpmn). */
    public static final String LEARNING_REVIEW_TASK = "LearningReview";
    public static final String LEARNING_REVIEW_FORM = "learning-review";

    // ---- Variables: the brief (start form fields) ----
    /** Who submitted the brief: the start event's initiator. */
    public static final String BRIEF_AUTHOR = "briefAuthor";
    public static final String TITLE = "title";
    /** Comma-separated; EnrichBrief replaces them with the catalog's. */
    public static final String SKUS = "skus";
    public static final String CATEGORY = "category";
    public static final String REGION = "region";
    public static final String DISCOUNT_PERCENT = "discountPercent";
    public static final String SEGMENT = "segment";
    public static final String OBJECTIVE = "objective";
    /** The start form's channel check boxes (booleans); RegisterCampaign turns them into {@link #CHANNELS}. */
    public static final String CHANNEL_EMAIL = "channelEmail";
    public static final String CHANNEL_SMS = "channelSms";
    public static final String CHANNEL_PUSH = "channelPush";
    public static final String CHANNEL_WEB = "channelWeb";
    public static final String CHANNEL_SOCIAL = "channelSocial";

    // ---- Variables: generation and policy ----
    /**
     * Our campaign's id; also the business key of every instance of the campaign. The lifecycle hands it to the
     * called generation and publishing instances, with only the other variables they use.
     */
    public static final String CAMPAIGN_ID = "campaignId";
    /** Comma-separated channel keys the campaign asks for; generation runs once per channel. */
    public static final String CHANNELS = "channels";
    /** The channel of one multi-instance branch (generation, publishing). */
    public static final String CHANNEL = "channel";
    /** 1 for the first copy; each regeneration with feedback adds one, up to {@link #MAX_GENERATION_ROUNDS}. */
    public static final String GENERATION_ROUND = "generationRound";
    public static final String MAX_GENERATION_ROUNDS = "maxGenerationRounds";
    /**
     * LOW, MEDIUM, HIGH or BLOCKED, for people to read (the review task's name and the form's summary carry it); the
     * gateways read the tier from our tables (ReviewRoute).
     */
    @CodeOnly
    public static final String RISK_TIER = "riskTier";
    /** Comma-separated channels the rules (and later the pre-publish check) let through. */
    public static final String APPROVED_CHANNELS = "approvedChannels";

    // ---- Variables: review ----
    public static final String CAMPAIGN_TITLE = "campaignTitle";
    /** The evidence the review forms display, written by ReviewEvidence. */
    public static final String REVIEW_VARIANTS = "reviewVariants";
    public static final String REVIEW_SOURCES = "reviewSources";
    public static final String REVIEW_FINDINGS = "reviewFindings";
    /** The approved learnings of earlier campaigns among the campaign's sources, cited for the reviewer. */
    public static final String REVIEW_LEARNINGS = "reviewLearnings";
    /** Tier, round and the link to the campaign's full evidence in Cockpit. */
    public static final String REVIEW_SUMMARY = "reviewSummary";
    /** Every recorded decision with its comment, and what changed since the round before. */
    public static final String REVIEW_HISTORY = "reviewHistory";
    /**
     * The channels whose copy the marketing form's edit inputs show ("email,push"); read by those inputs' hide
     * conditions only, which the names check does not parse, hence CodeOnly.
     */
    @CodeOnly
    public static final String REVIEW_CHANNELS = "reviewChannels";
    /** Marketing's decision, comment and edits in the round legal reviews. */
    public static final String REVIEW_MARKETING = "reviewMarketing";
    /** ISO-8601 duration after which an open review is escalated (boundary timer). */
    public static final String REVIEW_SLA = "reviewSla";
    public static final String REVIEW_DUE_AT = "reviewDueAt";
    /** approve, requestChanges or reject: the review forms' decision fields. */
    public static final String MARKETING_DECISION = "marketingDecision";
    public static final String MARKETING_COMMENT = "marketingComment";
    public static final String LEGAL_DECISION = "legalDecision";
    public static final String LEGAL_COMMENT = "legalComment";
    /** An approver's optional note (the comment field is required only to request changes or reject). */
    public static final String MARKETING_APPROVAL_NOTE = "marketingApprovalNote";
    public static final String LEGAL_APPROVAL_NOTE = "legalApprovalNote";
    /**
     * The marketing form's per-field edit inputs for variant #1 of each channel, prefilled with the current copy; a
     * changed value is an edit, applied on approval once the rules accept it (CopyEdits maps them to channel and field).
     */
    public static final String EDIT_EMAIL_SUBJECT = "editEmailSubject";
    public static final String EDIT_EMAIL_PREHEADER = "editEmailPreheader";
    public static final String EDIT_EMAIL_BODY = "editEmailBody";
    public static final String EDIT_EMAIL_CALL_TO_ACTION = "editEmailCallToAction";
    public static final String EDIT_SMS_TEXT = "editSmsText";
    public static final String EDIT_PUSH_TITLE = "editPushTitle";
    public static final String EDIT_PUSH_BODY = "editPushBody";
    public static final String EDIT_WEB_HEADLINE = "editWebHeadline";
    public static final String EDIT_WEB_BODY = "editWebBody";
    public static final String EDIT_WEB_CALL_TO_ACTION = "editWebCallToAction";
    public static final String EDIT_SOCIAL_PRIMARY_TEXT = "editSocialPrimaryText";
    public static final String EDIT_SOCIAL_HEADLINE = "editSocialHeadline";
    /** APPROVED, REJECTED or CHANGES_REQUESTED: how tiered-review ended, passed back to the lifecycle. */
    public static final String REVIEW_OUTCOME = "reviewOutcome";
    /** The last reviewer's comment, the feedback for the next generation round. */
    public static final String REVIEW_COMMENT = "reviewComment";

    // ---- Variables: publishing and measurement ----
    /** Set by RecheckBeforePublish: price, stock and consent still allow publishing. */
    public static final String PRE_PUBLISH_VALID = "prePublishValid";
    /** ISO-8601 instant the measurement model's timer waits for. */
    public static final String MEASUREMENT_WINDOW_ENDS_AT = "measurementWindowEndsAt";
    /** Whether the measurement gave a verdict to learn from, so a learning was drafted for a marketing lead. */
    public static final String LEARNING_DRAFTED = "learningDrafted";
    /** The learning's text: drafted from the result, corrected by the lead as they approve it. */
    public static final String LEARNING_TEXT = "learningText";
    /** approve or reject, and why (required to reject). */
    public static final String LEARNING_DECISION = "learningDecision";
    public static final String LEARNING_COMMENT = "learningComment";

    // ---- Variables only the application's code sets and reads, kept for delegates, Cockpit and the audit ----
    /** BRIEF or the trigger event's type. */
    @CodeOnly
    public static final String TRIGGER_TYPE = "triggerType";
    /** Whether a promoted product is regulated (alcohol, supplements), as the catalog says. */
    @CodeOnly
    public static final String REGULATED = "regulated";
    /** How many customers get the campaign, and how many are held out to measure its lift. */
    @CodeOnly
    public static final String AUDIENCE_TREATMENT = "audienceTreatment";
    @CodeOnly
    public static final String AUDIENCE_HOLDOUT = "audienceHoldout";
    /** How many knowledge sources grounding found. */
    @CodeOnly
    public static final String SOURCES_COUNT = "sourcesCount";
    /** How many of the rules' findings block the copy, and the rule set that judged it. */
    @CodeOnly
    public static final String BLOCKING_FINDINGS = "blockingFindings";
    @CodeOnly
    public static final String RULES_VERSION = "rulesVersion";
    /** A low-risk campaign picked for a review after it was auto-approved. */
    @CodeOnly
    public static final String SAMPLED_FOR_AFTER_REVIEW = "sampledForAfterReview";
    /** Why the pre-publish check failed; becomes the Withdrawn reason. */
    @CodeOnly
    public static final String PRE_PUBLISH_REASON = "prePublishReason";
    /** Sent with {@link #CAMPAIGN_WITHDRAWN}. */
    @CodeOnly
    public static final String WITHDRAW_REASON = "withdrawReason";
    @CodeOnly
    public static final String WITHDRAWN_BY = "withdrawnBy";
    /** The measurement's results, for Cockpit. */
    @CodeOnly
    public static final String INCREMENTAL_LIFT = "incrementalLift";
    @CodeOnly
    public static final String CONTRIBUTION_MARGIN = "contributionMargin";
    /** LIFT, DROP, NO_EFFECT_SHOWN or NO_VERDICT (see Measurement.Confidence). */
    @CodeOnly
    public static final String MEASUREMENT_VERDICT = "measurementVerdict";

    /** The drafted learning's knowledge document and version, and the lead who decided it. */
    @CodeOnly
    public static final String LEARNING_DOC_ID = "learningDocId";
    @CodeOnly
    public static final String LEARNING_VERSION = "learningVersion";
    @CodeOnly
    public static final String LEARNING_DECIDED_BY = "learningDecidedBy";

    /** A variable no model or form mentions: only delegates, capabilities and tests use it. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    @interface CodeOnly {
    }

    private ProcessNames() {
    }
}
