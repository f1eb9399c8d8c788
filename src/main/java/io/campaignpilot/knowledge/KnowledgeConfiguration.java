package io.campaignpilot.knowledge;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class KnowledgeConfiguration {

    @Bean(destroyMethod = "close")
    ElasticsearchClient elasticsearchClient(KnowledgeProperties properties) {
        return ElasticsearchClient.of(b -> {
            b.host(properties.url());
            if (properties.username() != null && !properties.username().isBlank()) {
                b.usernameAndPassword(properties.username(), properties.password());
            }
            return b;
        });
    }

    @Bean
    Embedder embedder() {
        return new LocalEmbedder();
    }
}
