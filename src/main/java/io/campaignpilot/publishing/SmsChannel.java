package io.campaignpilot.publishing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignpilot.audience.Customer;
import io.campaignpilot.campaign.Channel;
import io.campaignpilot.generation.ChannelVariant;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** SMS through the provider's webhook: {@code to} is the customer's number in E.164, {@code text} the copy. */
@Component
class SmsChannel extends WebhookChannel {
    private final PhoneNumbers phoneNumbers;

    SmsChannel(WebhookProperties properties, PhoneNumbers phoneNumbers, ObjectMapper json) {
        super(Channel.SMS, properties.sms(), properties, json);
        this.phoneNumbers = phoneNumbers;
    }

    @Override
    String unreachable(Customer customer) {
        if (!customer.consentSms()) {
            return "customer " + customer.id() + " no longer consents to sms";
        }
        if (customer.phone() == null || customer.phone().isBlank()) {
            return "customer " + customer.id() + " has no phone number on record";
        }
        return phoneNumbers.e164(customer.phone()) == null
                ? "customer " + customer.id() + " has no valid phone number on record" : null;
    }

    @Override
    void address(Map<String, Object> message, Customer customer, ChannelVariant variant) {
        message.put("to", phoneNumbers.e164(customer.phone()));
        message.put("text", Publishing.merge(variant.fields().get("text"), customer));
    }

    /** Also the number as sent, with and without its plus: a provider's refusal may quote it either way. */
    @Override
    List<String> personal(Customer customer) {
        List<String> personal = new ArrayList<>(super.personal(customer));
        String e164 = phoneNumbers.e164(customer.phone());
        if (e164 != null) {
            personal.add(e164);
            personal.add(e164.substring(1));
        }
        return personal;
    }
}
