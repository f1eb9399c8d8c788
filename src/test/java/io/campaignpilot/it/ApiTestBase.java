package io.campaignpilot.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;


/**
 * The running application on H2 with the shared embedded services and the demo profile (demo users, retailer and
 * corpus), and HTTP helpers as integrators and users call it.
 */
@ActiveProfiles("demo")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:campaignpilot-e2e;DB_CLOSE_DELAY=-1",
                // as behind a reverse proxy on loopback: a test can speak for a client address (X-Forwarded-For)
                "server.forward-headers-strategy=native"})
abstract class ApiTestBase {
    static final String PASSWORD = "demo";

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    @Autowired
    ProcessEngine engine;

    final HttpClient http = HttpClient.newHttpClient();

    /**
     * Camunda's REST API and webapps find "the" engine in a static, JVM-wide registry, where the last test context
     * started wins. Each test class points it back at the engine of its own context.
     */
    @BeforeEach
    void restServesThisContextsEngine() {
        ProcessEngines.registerProcessEngine(engine);
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        CampaignPilotTestSupport.embeddedServices(registry);
    }

    JsonNode awaitTask(String user, String campaignId) {
        JsonNode[] found = new JsonNode[1];
        CampaignPilotTestSupport.await("a review task for " + campaignId, Duration.ofSeconds(90), () -> {
            JsonNode tasks = read(get("/engine-rest/task?processInstanceBusinessKey=" + campaignId, user).body());
            if (tasks.isArray() && !tasks.isEmpty()) {
                found[0] = tasks.get(0);
                return true;
            }
            return false;
        });
        return found[0];
    }

    JsonNode campaign(String id) {
        return read(get("/api/campaigns/" + id, "ada").body());
    }

    HttpResponse<String> get(String path, String user) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user)).GET().build());
    }

    HttpResponse<String> post(String path, String user, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        return send(request.build());
    }

    HttpResponse<String> put(String path, String user, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static String basic(String user) {
        return basic(user, PASSWORD);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(body, e);
        }
    }

}
