package io.campaignpilot.it;

import io.campaignpilot.knowledge.KnowledgeRetriever;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The guard behind "no network call inside a transaction" is live in the running application: a search started
 * inside a transaction is refused before it goes out, and the same search outside one answers. The end-to-end tests
 * then prove every path keeps the rule, as any path that broke it would fail them.
 */
class NetworkCallGuardTest extends ApiTestBase {
    @Autowired
    KnowledgeRetriever retriever;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void aSearchInsideATransactionIsRefusedBeforeItGoesOut() {
        assertThatThrownBy(() -> transaction.executeWithoutResult(tx ->
                retriever.search("picnic blanket", null, "south", null, 3)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must not run inside a database transaction");

        assertThat(retriever.search("picnic blanket", null, "south", null, 3)).isNotEmpty();
    }
}
