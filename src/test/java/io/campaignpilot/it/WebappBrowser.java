package io.campaignpilot.it;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** An HTTP client that keeps cookies as a browser does, for tests of what a webapp login may do. */
final class WebappBrowser {
    private final ApiTestBase test;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();

    WebappBrowser(ApiTestBase test) {
        this.test = test;
    }

    /** Logs into a webapp as its login page does: its CSRF cookie first, then the form post. */
    static WebappBrowser loggedIn(ApiTestBase test, String user, String app) {
        WebappBrowser browser = new WebappBrowser(test);
        assertThat(browser.get("/camunda/app/" + app + "/default/").statusCode()).isEqualTo(200);
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(test.uri("/camunda/api/admin/auth/user/default/login/" + app))
                .header("X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + ApiTestBase.PASSWORD)));
        assertThat(login.statusCode()).as(user + " logs into " + app + ": " + login.body()).isEqualTo(200);
        return browser;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(test.uri(path)).GET());
    }

    /** A page, as a browser asks for it. */
    HttpResponse<String> page(String path) {
        return send(HttpRequest.newBuilder(test.uri(path)).header("Accept", "text/html,application/xhtml+xml").GET());
    }

    HttpResponse<String> head(String path) {
        return send(HttpRequest.newBuilder(test.uri(path)).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).map(HttpCookie::getValue)
                .reduce((first, last) -> last).orElseThrow(() -> new AssertionError("no cookie " + name));
    }
}
