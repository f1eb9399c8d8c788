package io.campaignpilot.detection;

import io.campaignpilot.trigger.Brief;
import io.campaignpilot.trigger.TriggerType;

/**
 * A business event found in the retailer's data: its id is derived from what was found (the same finding gives the same
 * id, so it starts one campaign however often it is found), the campaign it asks for, why, and how strong the signal
 * is (the strongest start first when a pass finds more than it may start).
 */
public record Detection(String eventId, TriggerType type, Brief brief, String reason, double strength) {
}
