package io.campaignpilot.knowledge;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.util.Timeout;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

@Configuration
class KnowledgeConfiguration {

    /** elasticsearch-java over its REST client, with connect and response timeouts so a hung cluster fails the step. */
    @Bean(destroyMethod = "close")
    ElasticsearchClient elasticsearchClient(KnowledgeProperties properties) {
        var builder = Rest5Client.builder(URI.create(properties.url()))
                .setConnectionConfigCallback(c -> c.setConnectTimeout(Timeout.of(properties.connectTimeout()))
                        .setSocketTimeout(Timeout.of(properties.timeout())))
                .setRequestConfigCallback(r -> r.setResponseTimeout(Timeout.of(properties.timeout()))
                        .setConnectionRequestTimeout(Timeout.of(properties.connectTimeout())));
        if (properties.username() != null && !properties.username().isBlank()) {
            String token = Base64.getEncoder().encodeToString((properties.username() + ":" + properties.password())
                    .getBytes(StandardCharsets.UTF_8));
            builder.setDefaultHeaders(new Header[]{new BasicHeader("Authorization", "Basic " + token)});
        }
        return new ElasticsearchClient(new Rest5ClientTransport(builder.build(), new JacksonJsonpMapper()));
    }

    @Bean
    Embedder embedder(KnowledgeProperties properties) {
        KnowledgeProperties.Embedding embedding = properties.embedding();
        return switch (embedding.provider().toLowerCase()) {
            case "local" -> new LocalEmbedder();
            case "openai" -> new OpenAiEmbedder(embedding);
            default -> throw new IllegalStateException("campaignpilot.knowledge.embedding.provider must be local or openai, not "
                    + embedding.provider());
        };
    }
}
