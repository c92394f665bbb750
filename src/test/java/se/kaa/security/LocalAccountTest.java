package se.kaa.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.apache.catalina.Context;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.WebSession;

/** Local accounts: lockout with back-off, session fixation, secure cookies, idle timeout, logout. */
@KaaIntegrationTest
class LocalAccountTest {

    static final String USER = "lockout-user";
    static final String PASSWORD = "ett långt lösenord för test";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired PasswordEncoder encoder;
    @Autowired TestClock clock;
    @Autowired ServletWebServerApplicationContext context;

    @BeforeEach
    void setUp() {
        clock.reset();
        jdbc.sql("DELETE FROM login_failure").update();
        jdbc.sql("DELETE FROM app_user WHERE username = ?").param(USER).update();
        long id = jdbc.sql("INSERT INTO app_user (username, password_hash, display_name) VALUES (?, ?, ?) RETURNING id")
                .params(USER, encoder.encode(PASSWORD), "Lockout").query(Long.class).single();
        jdbc.sql("INSERT INTO user_role (user_id, role) VALUES (?, 'HANDLAGGARE')").param(id).update();
        jdbc.sql("INSERT INTO user_municipality (user_id, municipality) VALUES (?, '2380')").param(id).update();
    }

    @AfterEach
    void tearDown() {
        clock.reset();
        jdbc.sql("DELETE FROM login_failure").update();
    }

    @Test
    void fiveFailuresLockTheUsernameWithGrowingBackOffAndSaySoInSwedish() {
        WebSession session = new WebSession(port);
        for (int i = 0; i < 4; i++) {
            assertThat(location(session.login(USER, "fel lösenord " + i))).endsWith("/login?error");
        }
        assertThat(location(session.login(USER, PASSWORD))).as("four failures do not lock").doesNotContain("error", "locked");

        WebSession other = new WebSession(port);
        for (int i = 0; i < 5; i++) {
            other.login(USER, "fel lösenord " + i);
        }
        assertThat(location(other.login(USER, PASSWORD))).as("locked: even the right password is refused")
                .endsWith("/login?locked");
        assertThat(other.get("/login?locked").body()).contains("För många misslyckade inloggningsförsök");
        assertThat(basicStatus(USER, PASSWORD)).isEqualTo(401);

        clock.advance(Duration.ofSeconds(61));
        assertThat(location(other.login(USER, "fel igen"))).as("a sixth failure locks for 2 minutes").endsWith("/login?error");
        clock.advance(Duration.ofSeconds(61));
        assertThat(location(other.login(USER, PASSWORD))).endsWith("/login?locked");
        clock.advance(Duration.ofSeconds(61));
        assertThat(location(other.login(USER, PASSWORD))).doesNotContain("error", "locked");
        assertThat(jdbc.sql("SELECT count(*) FROM login_failure").query(Integer.class).single())
                .as("a successful login clears the count").isZero();
    }

    @Test
    void anUnknownUsernameLocksTheSameWaySoTheLockoutRevealsNothing() {
        WebSession session = new WebSession(port);
        for (int i = 0; i < 5; i++) {
            assertThat(location(session.login("finns-inte", "fel lösenord"))).endsWith("/login?error");
        }
        assertThat(location(session.login("finns-inte", "fel lösenord"))).endsWith("/login?locked");
    }

    @Test
    void theSessionIdChangesAtLogin() {
        WebSession session = new WebSession(port);
        HttpResponse<String> page = session.get("/login");
        String before = sessionId(page);
        assertThat(before).isNotNull();
        HttpResponse<String> login = session.login(USER, PASSWORD);
        String after = sessionId(login);
        assertThat(after).isNotNull().isNotEqualTo(before);
    }

    @Test
    void theSessionCookieIsSecureAndHttpOnly() {
        HttpResponse<String> page = new WebSession(port).get("/login");
        String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow();
        assertThat(cookie).contains("Secure", "HttpOnly", "SameSite=Lax");
    }

    @Test
    void anIdleSessionExpiresAfterThirtyMinutes() {
        TomcatWebServer server = (TomcatWebServer) context.getWebServer();
        Context web = (Context) server.getTomcat().getHost().findChildren()[0];
        assertThat(web.getSessionTimeout()).isEqualTo(30);
    }

    @Test
    void logoutEndsTheSession() {
        WebSession session = new WebSession(port);
        session.login(USER, PASSWORD);
        assertThat(session.get("/malgrupp").statusCode()).isEqualTo(200);
        HttpResponse<String> logout = session.post("/logout", Map.of());
        assertThat(location(logout)).endsWith("/login?logout");
        assertThat(session.get("/malgrupp").statusCode()).isEqualTo(302);
    }

    @Test
    void aDisabledUserCannotLogIn() {
        jdbc.sql("UPDATE app_user SET enabled = false WHERE username = ?").param(USER).update();
        assertThat(location(new WebSession(port).login(USER, PASSWORD))).endsWith("/login?error");
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("(status " + response.statusCode() + ")");
    }

    private static String sessionId(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring("JSESSIONID=".length(), c.indexOf(';'))).findFirst().orElse(null);
    }

    private int basicStatus(String user, String password) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/v1/target-group/members?municipality=2380"))
                    .header("Authorization", SecurityTest.basic(user, password)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aLocalUserChangesHerOwnPasswordProvingTheCurrentOneAndGuessingItLocksAsAtSignIn() {
        WebSession session = new WebSession(port);
        assertThat(location(session.login(USER, PASSWORD))).doesNotContain("error");
        String page = session.get("/konto").body();
        assertThat(page).contains("Byt lösenord", "id=\"currentPassword\"", "autocomplete=\"new-password\"");
        String newPassword = "ett annat långt lösenord för test";

        var wrong = session.post("/konto/losenord", Map.of("currentPassword", "fel lösenord",
                "newPassword", newPassword, "repeatPassword", newPassword));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("Lösenordet är inte bytt", "Det nuvarande lösenordet stämmer inte");
        var mismatch = session.post("/konto/losenord", Map.of("currentPassword", PASSWORD,
                "newPassword", newPassword, "repeatPassword", newPassword + "x"));
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(mismatch.body()).contains("Lösenorden är inte lika");
        var weak = session.post("/konto/losenord", Map.of("currentPassword", PASSWORD,
                "newPassword", "kort", "repeatPassword", "kort"));
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(weak.body()).contains("minst 12 tecken");
        assertThat(jdbc.sql("SELECT failures FROM login_failure").query(Integer.class).single())
                .as("only the wrong current password counted").isEqualTo(1);

        var changed = session.post("/konto/losenord", Map.of("currentPassword", PASSWORD,
                "newPassword", newPassword, "repeatPassword", newPassword));
        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(location(changed)).endsWith("/konto");
        assertThat(session.get("/konto").body()).contains("Ditt lösenord är bytt");
        assertThat(jdbc.sql("SELECT count(*) FROM login_failure").query(Integer.class).single()).isZero();
        assertThat(location(new WebSession(port).login(USER, PASSWORD))).endsWith("/login?error");
        assertThat(location(new WebSession(port).login(USER, newPassword))).doesNotContain("error", "locked");

        // guessing the current password through the form locks the username as failed sign-ins do
        for (int i = 0; i < 5; i++) {
            session.post("/konto/losenord", Map.of("currentPassword", "gissning " + i,
                    "newPassword", PASSWORD, "repeatPassword", PASSWORD));
        }
        var locked = session.post("/konto/losenord", Map.of("currentPassword", newPassword,
                "newPassword", PASSWORD, "repeatPassword", PASSWORD));
        assertThat(locked.statusCode()).isEqualTo(400);
        assertThat(locked.body()).contains("För många felaktiga försök");
        assertThat(location(new WebSession(port).login(USER, newPassword))).endsWith("/login?locked");
    }
}
