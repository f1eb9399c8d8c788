package io.campaignpilot.audience;

import io.campaignpilot.campaign.Channel;

/**
 * A customer as the CRM knows them, with per-channel consent and their time zone (an IANA id, null when unknown).
 * Never sent to a language model.
 */
public record Customer(long id, String email, String phone, String firstName, String region, String locale,
                       String segment, String loyaltyTier, boolean consentEmail, boolean consentSms, boolean consentPush,
                       boolean consentWeb, boolean consentSocial, String timeZone) {

    /** A customer whose time zone the CRM does not know. */
    public Customer(long id, String email, String phone, String firstName, String region, String locale,
                    String segment, String loyaltyTier, boolean consentEmail, boolean consentSms, boolean consentPush,
                    boolean consentWeb, boolean consentSocial) {
        this(id, email, phone, firstName, region, locale, segment, loyaltyTier, consentEmail, consentSms, consentPush,
                consentWeb, consentSocial, null);
    }

    public boolean consentsTo(Channel channel) {
        return switch (channel) {
            case EMAIL -> consentEmail;
            case SMS -> consentSms;
            case PUSH -> consentPush;
            case WEB -> consentWeb;
            case SOCIAL -> consentSocial;
        };
    }
}
