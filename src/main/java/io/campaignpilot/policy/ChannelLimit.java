package io.campaignpilot.policy;

/** The longest a channel's field may be, in characters; for SMS, field "segments" counts segments. */
public record ChannelLimit(String channel, String field, int max) {
}
