package io.campaignpilot.platform;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The rule that keeps a slow outside system from pinning a pooled database connection: no network call (model,
 * embeddings, Elasticsearch, SMTP, webhooks) while a transaction is open. The engine's job transactions are Spring
 * transactions, so a network call from inside a job is caught here too. Every network entry point calls this first;
 * a violation is a programming error, so it throws, in production as in the tests that run every path.
 */
public final class NetworkCall {
    private NetworkCall() {
    }

    /** Throws when a transaction is open on this thread; {@code what} names the call for the message. */
    public static void outsideTransactions(String what) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException(what + " goes over the network and must not run inside a database "
                    + "transaction (an engine job or a transactional method): it would hold a connection while it waits");
        }
    }
}
