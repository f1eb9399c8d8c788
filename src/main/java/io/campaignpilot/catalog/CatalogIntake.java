package io.campaignpilot.catalog;

import io.campaignpilot.intake.IntakeHandler;
import io.campaignpilot.intake.IntakeMessages;
import io.campaignpilot.intake.InvalidMessageException;
import org.springframework.stereotype.Component;

import java.util.List;

/** Product changes from the broker's {@code catalog} queue (price, cost, stock by region, constrained). */
@Component
class CatalogIntake implements IntakeHandler {
    private final IntakeMessages messages;
    private final CatalogFeed feed;

    CatalogIntake(IntakeMessages messages, CatalogFeed feed) {
        this.messages = messages;
        this.feed = feed;
    }

    @Override
    public String queue() {
        return "catalog";
    }

    @Override
    public void check(String body) {
        read(body);
    }

    @Override
    public void apply(String body) {
        feed.apply(read(body));
    }

    private CatalogChange read(String body) {
        CatalogChange change = messages.read(body, CatalogChange.class);
        List<String> unknown = feed.unknownRegions(change);
        if (!unknown.isEmpty()) {
            throw new InvalidMessageException(String.join("; ", unknown));
        }
        return change;
    }
}
