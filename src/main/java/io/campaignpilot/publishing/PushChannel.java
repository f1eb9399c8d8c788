package io.campaignpilot.publishing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpilot.audience.Customer;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.generation.ChannelVariant;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Push notifications through the provider's webhook. We hold no device tokens: the app registers its devices with the
 * provider under our customer id, so {@code externalUserId} is the customer id and the provider fans out to the
 * customer's devices.
 */
@Component
class PushChannel extends WebhookChannel {

    PushChannel(WebhookProperties properties, ObjectMapper json) {
        super(Channel.PUSH, properties.push(), properties, json);
    }

    @Override
    String unreachable(Customer customer) {
        return customer.consentPush() ? null : "customer " + customer.id() + " no longer consents to push";
    }

    @Override
    void address(Map<String, Object> message, Customer customer, ChannelVariant variant) {
        message.put("externalUserId", String.valueOf(customer.id()));
        message.put("title", Publishing.merge(variant.fields().get("title"), customer));
        message.put("body", Publishing.merge(variant.fields().get("body"), customer));
    }
}
