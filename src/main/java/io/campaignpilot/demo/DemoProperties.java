package io.campaignpilot.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo retailer's data ({@code campaignpilot.demo.*}); the demo profile turns them on.
 *
 * @param customers     load the synthetic customers ({@link DemoCustomers}) at start
 * @param customerCount how many: 2,400 by default, which keeps the tests' audiences small; the dev run loads 12,000,
 *                      so each region's holdout has the 100 customers a measurement needs for a verdict
 * @param fireTriggers fire a few trigger events after start, so campaigns wait in Tasklist
 * @param shoppers     the demo's customers buy what published campaigns promote, with a known effect
 *                     ({@link DemoShoppers}), so a measurement finds something
 * @param orderHistory give the demo's customers twelve months of synthetic orders and sessions (retailer/) and train a
 *                     propensity model per category before the triggers fire, so audiences are ranked by expected
 *                     value; off in the tests (their audiences stay the rule's), on in the dev run
 */
@ConfigurationProperties("campaignpilot.demo")
record DemoProperties(@DefaultValue("false") boolean customers, @DefaultValue("2400") int customerCount,
                      @DefaultValue("false") boolean fireTriggers, @DefaultValue("false") boolean shoppers,
                      @DefaultValue("false") boolean orderHistory) {
    DemoProperties {
        if (customerCount < 1 || customerCount > 1_000_000) {
            throw new IllegalArgumentException("campaignpilot.demo.customer-count must be between 1 and 1000000, was "
                    + customerCount);
        }
    }
}
