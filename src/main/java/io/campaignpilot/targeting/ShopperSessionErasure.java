package io.campaignpilot.targeting;

import io.campaignpilot.personaldata.PersonalDataStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * An erased customer's browsing sessions go with them: behaviour that only served prediction, and an erased customer
 * is never scored again. Their orders stay, as measurement's raw material, under the id alone.
 */
@Component
public class ShopperSessionErasure implements PersonalDataStore {
    private final JdbcClient jdbc;

    public ShopperSessionErasure(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "shopper_session";
    }

    @Override
    public int erase(long customerId, String email, String phone, List<String> campaignIds) {
        return jdbc.sql("delete from shopper_session where customer_id = ?").param(customerId).update();
    }
}
