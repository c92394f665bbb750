package se.kaa.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.kaa.testsupport.KaaIntegrationTest;

@KaaIntegrationTest
class SecurityTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired se.kaa.testsupport.TestUsers users;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void uiPagesRedirectToLoginWhenAnonymous() throws Exception {
        HttpResponse<String> response = get("/", null);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void loginPageIsPublicAndCarriesCsrfToken() throws Exception {
        HttpResponse<String> response = get("/login", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("name=\"_csrf\"");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("frame-ancestors 'none'").doesNotContain("unsafe-inline"));
    }

    @Test
    void theStyleSheetIsNamedByItsContentAndKeptForAYear() throws Exception {
        String page = get("/login", null).body();
        String href = page.replaceAll("(?s).*<link rel=\"stylesheet\" href=\"([^\"]+)\".*", "$1");
        assertThat(href).matches("/css/kaa-[0-9a-f]{32}\\.css");
        HttpResponse<String> css = get(href, null);
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/css"));
        assertThat(css.headers().firstValue("Cache-Control")).hasValueSatisfying(
                cc -> assertThat(cc).contains("max-age=31536000").contains("public"));
        assertThat(css.body()).isEqualTo(new String(getClass().getResourceAsStream("/static/css/kaa.css").readAllBytes(),
                StandardCharsets.UTF_8));
    }

    @Test
    void apiWithoutCredentialsGetsProblemDetails401() throws Exception {
        HttpResponse<String> response = get("/api/v1/target-group/members?municipality=2380", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":401");
    }

    @Test
    void apiWithWrongPasswordIsRefused() throws Exception {
        assertThat(get("/api/v1/target-group/members?municipality=2380", basic(KaaIntegrationTest.USER, "wrong"))
                .statusCode()).isEqualTo(401);
    }

    @Test
    void openApiDescriptionNeedsTheApiLogin() throws Exception {
        assertThat(get("/v3/api-docs", null).statusCode()).isEqualTo(401);
        HttpResponse<String> docs = get("/v3/api-docs", basic(KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD));
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/v1/target-group/members", "/api/v1/imports/{kind}", "/api/v1/notices");
    }

    @Test
    void unknownUiPageGetsTheSwedishErrorPage() throws Exception {
        HttpResponse<String> login = get("/login", null);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String csrf = login.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        HttpResponse<String> loggedIn = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + KaaIntegrationTest.USER + "&password="
                        + KaaIntegrationTest.PASSWORD + "&_csrf=" + csrf))
                .build(), HttpResponse.BodyHandlers.ofString());
        String session = loggedIn.headers().firstValue("Set-Cookie").orElse(cookie).split(";")[0];
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/finns-inte"))
                .header("Cookie", session).header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("<title>Sidan finns inte – KAA</title>", "<h1>Sidan finns inte</h1>")
                .doesNotContain("Något gick fel").doesNotContain("Whitelabel");
    }

    /** A page of another role says she has no access to it, not that something went wrong. */
    @Test
    void aForbiddenPageSaysSoInItsTitle() {
        users.ensure();
        se.kaa.testsupport.WebSession web = new se.kaa.testsupport.WebSession(port);
        web.login(se.kaa.testsupport.TestUsers.username(se.kaa.security.Role.HANDLAGGARE), se.kaa.testsupport.TestUsers.PASSWORD);
        HttpResponse<String> forbidden = web.get("/granskning");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).contains("<title>Ingen behörighet – KAA</title>", "<h1>Ingen behörighet</h1>",
                "Du saknar behörighet till det du försökte göra.").doesNotContain("Något gick fel");
    }

    @Test
    void firstAdministratorIsCreatedFromConfigurationWithHashedPassword() {
        String hash = jdbc.sql("SELECT password_hash FROM app_user WHERE username = ?")
                .param(KaaIntegrationTest.USER).query(String.class).single();
        assertThat(hash).startsWith("{bcrypt}").doesNotContain(KaaIntegrationTest.PASSWORD);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
