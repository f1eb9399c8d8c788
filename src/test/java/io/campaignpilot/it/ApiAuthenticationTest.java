package io.campaignpilot.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignpilot.security.SecurityProperties;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /api under Spring Security: rules on the decoded, normalised path, the JSON error shape, API tokens (which no
 * failed login can lock) and the per-address throttle on failed Basic logins. Tests that fail logins on purpose
 * come from a client address of their own (X-Forwarded-For, as a reverse proxy on loopback reports it), so the
 * throttle they trip never reaches the other tests.
 */
class ApiAuthenticationTest extends ApiTestBase {
    private static final String DEMO_TOKEN = "cp_demo_integration_token_change_me";
    private static final String TRIGGER = """
            {"eventId": "%s", "type": "SEASONAL_LAUNCH", "occurredAt": "2026-11-20T09:00:00Z",
             "skus": ["HP-APP-001"], "region": "north"}""";

    @Autowired
    SecurityProperties security;

    @ParameterizedTest
    @ValueSource(strings = {"/api/knowledge/reindex", "/api/knowledge/%72eindex", "/api/knowledge/./reindex",
            "/api//knowledge/reindex", "/api/knowledge/reindex;x=1", "/api/knowledge/reindex/", "/api/knowledge/%2e/reindex",
            "/api/knowledge/x/../reindex", "/api/%6Bnowledge/reindex", "/api/knowledge/reindex%2F", "/api/knowledge/reindex%3Bx=1"})
    void spellingsOfTheReindexPathAllMeetItsRule(String path) {
        HttpResponse<String> response = post(path, "mary", "");
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isIn(400, 403);
    }

    @Test
    void upperCasePathsReachNoEndpoint() {
        // Spring MVC matches case-sensitively too, so the permit-all chain never serves an /api endpoint
        assertThat(post("/API/knowledge/reindex", "mary", "").statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(uri("/Api/campaigns")).GET().build()).statusCode()).isEqualTo(404);
    }

    @Test
    void refusalsUseTheApiErrorShape() {
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(uri("/api/campaigns")).GET().build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"CampaignPilot\"");
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertErrorBody(anonymous, 401, "authentication required");

        HttpResponse<String> forbidden = post("/api/triggers", "mary", TRIGGER.formatted("f-" + UUID.randomUUID()));
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertErrorBody(forbidden, 403, "user mary may not POST /api/triggers");

        HttpResponse<String> badToken = send(HttpRequest.newBuilder(uri("/api/campaigns"))
                .header("Authorization", "Bearer cp_not_a_token_anyone_issued").GET().build());
        assertThat(badToken.statusCode()).isEqualTo(401);
        assertErrorBody(badToken, 401, "invalid or revoked API token");
    }

    @Test
    void camundaDoorsKeepTheirOwnAuthentication() {
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/health")).GET().build()).statusCode()).isEqualTo(200);
        // Spring Security adds no login form and no user of its own
        assertThat(send(HttpRequest.newBuilder(uri("/login")).GET().build()).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(uri("/engine-rest/task")).GET().build()).statusCode()).isEqualTo(401);
        assertThat(get("/engine-rest/task", "mary").statusCode()).isEqualTo(200);

        // the webapps: Camunda's session login and its CSRF token (cookie XSRF-TOKEN, header X-XSRF-TOKEN)
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        HttpResponse<String> page = send(browser, HttpRequest.newBuilder(uri("/camunda/app/tasklist/default/")).GET().build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("X-Frame-Options")).as("Spring Security's headers stay off the webapps").isEmpty();
        HttpResponse<String> login = send(browser, HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/tasklist"))
                .header("X-XSRF-TOKEN", cookie(cookies, "XSRF-TOKEN")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=mary&password=" + PASSWORD)).build());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        assertThat(send(browser, HttpRequest.newBuilder(uri("/camunda/api/engine/engine/default/task")).GET().build())
                .statusCode()).isEqualTo(200);
        HttpRequest.Builder count = HttpRequest.newBuilder(uri("/camunda/api/engine/engine/default/task/count"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
        assertThat(send(browser, count.copy().header("X-XSRF-TOKEN", cookie(cookies, "XSRF-TOKEN")).build()).statusCode())
                .isEqualTo(200);
        // last: Camunda ends the session of a request without the token
        assertThat(send(browser, count.build()).statusCode()).as("no CSRF token").isEqualTo(403);
    }

    @Test
    void failedLoginsCannotLockIntegrationsOutOfTriggers() throws Exception {
        String attacker = "192.0.2.2";
        IdentityService identity = engine.getIdentityService();
        try {
            for (int i = 0; i < 15; i++) {
                int status = send(from(attacker, "/api/triggers").header("Authorization",
                        basic("integration", "guess-" + i)).POST(HttpRequest.BodyPublishers.ofString("{}")).build()).statusCode();
                assertThat(status).isIn(401, 429);
                assertThat(send(from(attacker, "/engine-rest/task").header("Authorization",
                        basic("integration", "guess-" + i)).GET().build()).statusCode()).isEqualTo(401);
            }
            // Camunda counted the failures: the account is locked for password logins, through every door
            UserEntity integration = (UserEntity) identity.createUserQuery().userId("integration").singleResult();
            assertThat(integration.getAttempts()).isPositive();

            HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/api/triggers"))
                    .header("Authorization", "Bearer " + DEMO_TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(TRIGGER.formatted("token-" + UUID.randomUUID()))).build());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String campaignId = read(created.body()).path("campaignId").asText();
            assertThat(campaign(campaignId).path("campaign").path("createdBy").asText()).isEqualTo("token:demo-integration");
        } finally {
            identity.unlockUser("integration");
        }
    }

    @Test
    void tooManyFailedLoginsFromOneAddressGet429WithoutAskingCamunda() throws Exception {
        String client = "192.0.2.3";
        for (int i = 0; i < security.maxFailedLoginsPerMinute(); i++) {
            assertThat(send(from(client, "/api/campaigns")
                    .header("Authorization", basic("nobody-" + i, "x")).GET().build()).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> throttled = send(from(client, "/api/campaigns")
                .header("Authorization", basic("leo", "wrong")).GET().build());
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After").map(Integer::parseInt)).hasValueSatisfying(
                seconds -> assertThat(seconds).isBetween(1, 60));
        assertErrorBody(throttled, 429, "too many failed logins");
        // the wrong password never reached Camunda: leo has no failed attempt to his name
        assertThat(((UserEntity) engine.getIdentityService().createUserQuery().userId("leo").singleResult()).getAttempts()).isZero();
        // right credentials from that address wait too; other addresses are not affected
        assertThat(send(from(client, "/api/campaigns").header("Authorization", basic("ada"))
                .GET().build()).statusCode()).isEqualTo(429);
        assertThat(get("/api/campaigns", "ada").statusCode()).isEqualTo(200);
    }

    @Test
    void tokensAreShownOnceListedWithoutSecretsAndRevocable() throws Exception {
        String name = "erp-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> issued = post("/api/integration-tokens", "admin",
                "{\"name\": \"" + name + "\", \"group\": \"integrators\"}");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        JsonNode body = read(issued.body());
        String token = body.path("token").asText();
        String id = body.path("id").asText();
        assertThat(token).startsWith("cp_").hasSize(3 + 43);
        assertThat(body.path("principal").asText()).isEqualTo("token:" + name);

        HttpResponse<String> listed = get("/api/integration-tokens", "admin");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains(name).doesNotContain(token).doesNotContain(token.substring(3));
        assertThat(read(listed.body()).findValuesAsText("name")).contains(name, "demo-integration");

        assertThat(bearer("/api/campaigns", token).statusCode()).isEqualTo(200);
        assertThat(bearer("/api/rules", token).statusCode()).isEqualTo(403);
        JsonNode listedToken = tokenNamed(name);
        assertThat(listedToken.path("lastUsedAt").isNull()).isFalse();
        assertThat(listedToken.path("group").asText()).isEqualTo("integrators");
        assertThat(listedToken.path("createdBy").asText()).isEqualTo("admin");

        assertThat(send(HttpRequest.newBuilder(uri("/api/integration-tokens/" + id)).header("Authorization", basic("admin"))
                .DELETE().build()).statusCode()).isEqualTo(204);
        HttpResponse<String> revoked = bearer("/api/campaigns", token);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertErrorBody(revoked, 401, "invalid or revoked API token");
        assertThat(tokenNamed(name).path("revokedAt").isNull()).isFalse();
        assertThat(send(HttpRequest.newBuilder(uri("/api/integration-tokens/no-such-id")).header("Authorization", basic("admin"))
                .DELETE().build()).statusCode()).isEqualTo(404);
    }

    @Test
    void onlyAdminsManageTokensAndNoTokenIsAnAdmin() {
        String request = "{\"name\": \"by-mary\", \"group\": \"integrators\"}";
        assertThat(post("/api/integration-tokens", "mary", request).statusCode()).isEqualTo(403);
        assertThat(get("/api/integration-tokens", "ada").statusCode()).isEqualTo(403);
        assertThat(send(HttpRequest.newBuilder(uri("/api/integration-tokens")).header("Authorization", "Bearer " + DEMO_TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request)).build())
                .statusCode()).isEqualTo(403);

        assertFieldRefused(post("/api/integration-tokens", "admin", "{\"name\": \"root\", \"group\": \"camunda-admin\"}"), "group");
        assertFieldRefused(post("/api/integration-tokens", "admin", "{\"name\": \"x\", \"group\": \"nobody\"}"), "group");
        assertFieldRefused(post("/api/integration-tokens", "admin", "{\"name\": \"has space\"}"), "name");
        assertFieldRefused(post("/api/integration-tokens", "admin", "{\"group\": \"integrators\"}"), "name");
        assertThat(post("/api/integration-tokens", "admin", "{\"name\": \"demo-integration\"}").statusCode()).isEqualTo(409);
    }

    private HttpResponse<String> bearer(String path, String token) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET().build());
    }

    private JsonNode tokenNamed(String name) {
        for (JsonNode token : read(get("/api/integration-tokens", "admin").body())) {
            if (token.path("name").asText().equals(name)) {
                return token;
            }
        }
        throw new AssertionError("no token " + name);
    }

    private void assertErrorBody(HttpResponse<String> response, int status, String message) {
        JsonNode body = read(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("message").asText()).contains(message);
        assertThat(body.path("errors").isArray()).isTrue();
        assertThat(body.path("errors")).isEmpty();
    }

    private void assertFieldRefused(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(read(response.body()).path("errors").findValuesAsText("field")).contains(field);
    }

    private static String cookie(CookieManager cookies, String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).map(HttpCookie::getValue)
                .reduce((first, last) -> last).orElseThrow(() -> new AssertionError("no cookie " + name));
    }

    /** A request from a client address, as a reverse proxy on loopback reports it. */
    private HttpRequest.Builder from(String clientAddress, String path) {
        return HttpRequest.newBuilder(uri(path)).header("X-Forwarded-For", clientAddress);
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
