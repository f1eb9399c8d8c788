package io.campaignpilot.publishing;

import io.campaignpilot.publishing.UnsubscribeLinks.Subject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * Records an opt-out from an unsubscribe link: the customer's consent for that channel becomes false, and the change
 * is kept in {@code consent_change} with its time and the campaign whose message carried the link. The dispatcher
 * reads consent again just before sending, so a delivery already recorded for another campaign is skipped too.
 */
@Component
class Unsubscribes {
    static final String SOURCE = "unsubscribe-link";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    Unsubscribes(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * True when this call withdrew the consent; false when it was already withdrawn (a second click, the mail client
     * and the customer both, an erased customer): nothing changes then and nothing more is recorded.
     */
    boolean optOut(Subject subject) {
        // the column name comes from our own enum, never from the request
        String consent = "consent_" + subject.channel().key();
        Boolean changed = transaction.execute(tx -> {
            Timestamp now = Timestamp.from(Instant.now());
            // guarded by the current value: of two simultaneous clicks only one updates, and only that one records
            if (jdbc.sql("update customer set " + consent + " = false where id = ? and " + consent + " = true")
                    .param(subject.customerId()).update() == 0) {
                return false;
            }
            jdbc.sql("""
                            insert into consent_change (customer_id, channel, consent, source, campaign_id, changed_at)
                            values (?, ?, false, ?, ?, ?)""")
                    .params(subject.customerId(), subject.channel().key(), SOURCE, subject.campaignId(), now).update();
            return true;
        });
        return Boolean.TRUE.equals(changed);
    }
}
