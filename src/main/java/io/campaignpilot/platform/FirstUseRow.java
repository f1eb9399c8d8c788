package io.campaignpilot.platform;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A row that writers lock to take turns (a region's arbitration, a campaign's audit chain), created by its first
 * writer. Two first writers at once both insert: the second insert is rolled back to a savepoint inside its own
 * transaction, so only it fails, and that writer then locks the first one's row once the first commits.
 */
public final class FirstUseRow {
    private final TransactionTemplate savepoint;

    public FirstUseRow(TransactionTemplate transaction) {
        this.savepoint = new TransactionTemplate(transaction.getTransactionManager());
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Locks the row until the caller's transaction ends, and returns what {@code lock} read of it; when {@code lock}
     * finds none, {@code create} inserts it first. Call it inside a transaction.
     */
    public <T> T lock(Supplier<Optional<T>> lock, Runnable create) {
        Optional<T> locked = lock.get();
        if (locked.isPresent()) {
            return locked.get();
        }
        try {
            savepoint.executeWithoutResult(tx -> create.run());
        } catch (DuplicateKeyException createdByAnotherWriter) {
            // rolled back to the savepoint: the other writer's row is locked below, once its transaction ends
        }
        return lock.get().orElseThrow(() -> new IllegalStateException("the row was neither found nor created"));
    }
}
