package io.campaignpilot.it;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_INSTANCE;

/**
 * The results view reads /api with the webapps' login, no second one: a browser logged into Cockpit or Tasklist may
 * GET what the user's roles allow, and nothing else; a change still needs HTTP Basic or a token.
 */
class WebappSessionApiTest extends ApiTestBase {

    @Test
    void aWebappLoginReadsWhatTheUsersRolesAllow() {
        WebappBrowser mary = loggedIn("mary", "tasklist");
        HttpResponse<String> results = mary.get("/api/results?limit=1");
        assertThat(results.statusCode()).isEqualTo(200);
        // the webapps' session is left as it was: a new id would log out Cockpit's requests already under way
        assertThat(results.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(mary.get("/api/scorecard").statusCode()).isEqualTo(200);
        assertThat(mary.get("/api/campaigns?limit=1").statusCode()).isEqualTo(200);
        assertThat(mary.head("/api/results?limit=1").statusCode()).isEqualTo(200);

        WebappBrowser ada = loggedIn("ada", "cockpit");
        assertThat(ada.get("/api/results?limit=1").statusCode()).isEqualTo(200);
        assertThat(ada.get("/api/scorecard").statusCode()).isEqualTo(200);
        // marketing's own: an auditor's login is refused as her Basic login is
        HttpResponse<String> export = ada.get("/api/campaigns/any/audience-export");
        assertThat(export.statusCode()).isEqualTo(403);
        assertThat(read(export.body()).path("message").asText()).isEqualTo("user ada may not GET /api/campaigns/any/audience-export");

        // a legal reviewer works in Tasklist and has no business with results
        assertThat(loggedIn("lena", "tasklist").get("/api/results").statusCode()).isEqualTo(403);
    }

    @Test
    void withoutALoginOrToChangeSomethingTheSessionIsNotEnough() {
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(uri("/api/results")).GET().build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Set-Cookie")).as("no session is created").isEmpty();

        WebappBrowser mary = loggedIn("mary", "tasklist");
        // a write with only the session cookie (and even the webapps' CSRF token) is not authenticated
        HttpResponse<String> withdraw = mary.send(HttpRequest.newBuilder(uri("/api/campaigns/any/withdraw"))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", mary.cookie("XSRF-TOKEN"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"forged\"}")));
        assertThat(withdraw.statusCode()).isEqualTo(401);
        HttpResponse<String> trigger = mary.send(HttpRequest.newBuilder(uri("/api/triggers"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(trigger.statusCode()).isEqualTo(401);

        // nor a read a browser says another site asked for: a link or form elsewhere cannot read in mary's name
        for (String site : new String[]{"cross-site", "same-site"}) {
            assertThat(mary.send(HttpRequest.newBuilder(uri("/api/results")).header("Sec-Fetch-Site", site).GET()).statusCode())
                    .as(site).isEqualTo(401);
        }
        assertThat(mary.send(HttpRequest.newBuilder(uri("/api/results")).header("Sec-Fetch-Site", "same-origin").GET())
                .statusCode()).isEqualTo(200);

        // a wrong Authorization header is not rescued by the session (a user nobody has: a wrong password would make
        // Camunda hold back mary's next logins for a few seconds)
        assertThat(mary.send(HttpRequest.newBuilder(uri("/api/results")).header("Authorization", basic("nobody", "x")).GET())
                .statusCode()).isEqualTo(401);

        // logged out: the session no longer reads (the login gave the session a new CSRF token: a read fetches it first)
        assertThat(mary.get("/camunda/api/admin/auth/user/default").statusCode()).isEqualTo(200);
        HttpResponse<String> logout = mary.send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/logout"))
                .header("X-XSRF-TOKEN", mary.cookie("XSRF-TOKEN")).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(logout.statusCode()).as(logout.body()).isIn(200, 204);
        assertThat(mary.get("/api/results").statusCode()).isEqualTo(401);
    }

    @Test
    void marketingMayOpenCockpitAndSeesNoInstanceThere() {
        AuthorizationService authorizations = engine.getAuthorizationService();
        List<String> groups = engine.getIdentityService().createGroupQuery().groupMember("mary").list().stream()
                .map(Group::getId).toList();
        assertThat(allowed(authorizations, groups, ACCESS, Resources.APPLICATION, "cockpit")).isTrue();
        assertThat(allowed(authorizations, groups, READ, Resources.PROCESS_INSTANCE, "any-instance")).isFalse();
        assertThat(allowed(authorizations, groups, READ_INSTANCE, Resources.PROCESS_DEFINITION, "campaign-lifecycle")).isFalse();
        assertThat(allowed(authorizations, groups, READ_HISTORY, Resources.PROCESS_DEFINITION, "campaign-lifecycle")).isFalse();

        WebappBrowser mary = loggedIn("mary", "cockpit");
        HttpResponse<String> instances = mary.get("/camunda/api/engine/engine/default/process-instance/count");
        assertThat(instances.statusCode()).isEqualTo(200);
        assertThat(read(instances.body()).path("count").asInt()).isZero();
        assertThat(read(mary.get("/camunda/api/engine/engine/default/history/process-instance/count").body())
                .path("count").asInt()).isZero();
    }

    private static boolean allowed(AuthorizationService authorizations, List<String> groups, Permission permission,
                                   Resource resource, String id) {
        return authorizations.isUserAuthorized("mary", groups, permission, resource, id);
    }

    private WebappBrowser loggedIn(String user, String app) {
        return WebappBrowser.loggedIn(this, user, app);
    }
}
