package io.campaignpilot.policy;

/** A rule took a channel out of the campaign (nobody to send it to, or the copy cannot carry what the law requires). */
public record ChannelDropped(String channel, String reason) {
}
