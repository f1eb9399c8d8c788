package io.campaignpilot.personaldata;

import java.util.List;

/**
 * Personal data a capability keeps outside the tables {@link PersonalDataErasure} knows (files, say). Each one takes
 * part in every erasure.
 */
public interface PersonalDataStore {

    /** The name the erasure report counts this store's changed records under. */
    String name();

    /**
     * Removes what the store holds of the customer, found by the values as they were before erasure (either may be
     * null) in the campaigns the customer was sent; returns how many records changed.
     */
    int erase(long customerId, String email, String phone, List<String> campaignIds);
}
