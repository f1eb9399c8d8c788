package io.campaignpilot.it;

import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** A person who lands somewhere they may not go, or nowhere, reads CampaignPilot's page, never Spring's Whitelabel. */
class ErrorPagesTest extends ApiTestBase {

    @Test
    void anAddressThatIsNothingReadsAsCampaignPilots() {
        HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/nowhere")).header("Accept", "text/html").GET().build());
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("CampaignPilot", "Nothing here").doesNotContain("Whitelabel");
        assertThat(send(HttpRequest.newBuilder(uri("/error/error.css")).GET().build()).statusCode()).isEqualTo(200);
        // a program asking for JSON still gets JSON
        HttpResponse<String> json = send(HttpRequest.newBuilder(uri("/nowhere")).header("Accept", "application/json").GET().build());
        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(json.body()).startsWith("{").doesNotContain("<html");
    }

    @Test
    void anAuditorOpeningTasklistIsToldWhereHerWorkIs() {
        WebappBrowser ada = WebappBrowser.loggedIn(this, "ada", "cockpit");
        // Camunda refuses her an app she has no access to with a 403 of its own
        HttpResponse<String> tasklist = ada.page("/camunda/app/tasklist/default/");
        assertThat(tasklist.statusCode()).isEqualTo(403);
        assertThat(tasklist.body()).contains("CampaignPilot", "Not for your role", "/camunda/app/cockpit/")
                .doesNotContain("Whitelabel");
    }
}
