package io.campaignpilot.knowledge;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param url          Elasticsearch HTTP endpoint (the embedded node in dev and tests)
 * @param alias        the alias searches and writes go through; the concrete index sits behind it
 * @param perTypeQuota chunks retrieved per knowledge type, so every kind of source is represented
 */
@ConfigurationProperties("campaignpilot.knowledge")
public record KnowledgeProperties(
        @DefaultValue("http://127.0.0.1:9200") String url,
        String username,
        String password,
        @DefaultValue("campaignpilot-knowledge") String alias,
        @DefaultValue("3") int perTypeQuota,
        @DefaultValue("100") int numCandidates,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("true") boolean loadDemoCorpus) {
}
