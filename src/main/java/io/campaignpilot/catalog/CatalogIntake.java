package io.campaignpilot.catalog;

import io.campaignpilot.intake.IntakeMessages;
import io.campaignpilot.intake.InvalidMessageException;
import io.campaignpilot.intake.JsonIntake;
import org.springframework.stereotype.Component;

import java.util.List;

/** Product facts from the broker's {@code catalog} queue: new products and changes (price, cost, stock by region, ...). */
@Component
class CatalogIntake extends JsonIntake<CatalogChange> {
    private final CatalogFeed feed;

    CatalogIntake(IntakeMessages messages, CatalogFeed feed) {
        super("catalog", CatalogChange.class, messages);
        this.feed = feed;
    }

    @Override
    protected CatalogChange read(String body) {
        CatalogChange change = super.read(body);
        List<String> unknown = feed.unknownRegions(change);
        if (!unknown.isEmpty()) {
            throw new InvalidMessageException(String.join("; ", unknown));
        }
        return change;
    }

    @Override
    protected void apply(CatalogChange change) {
        feed.apply(change);
    }
}
