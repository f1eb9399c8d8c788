package io.campaignpilot.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo retailer's data ({@code campaignpilot.demo.*}); the demo profile turns them on.
 *
 * @param customers    load the 2,400 synthetic customers ({@link DemoCustomers}) at start
 * @param fireTriggers fire a few trigger events after start, so campaigns wait in Tasklist
 * @param shoppers     the demo's customers buy what published campaigns promote, with a known effect
 *                     ({@link DemoShoppers}), so a measurement finds something
 */
@ConfigurationProperties("campaignpilot.demo")
record DemoProperties(@DefaultValue("false") boolean customers, @DefaultValue("false") boolean fireTriggers,
                      @DefaultValue("false") boolean shoppers) {
}
