package se.kaa.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kaa.testsupport.WebSession.location;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.WebSession;

/** API keys through the administrator's page and {@code Authorization: Bearer} on the API, over real HTTP. */
@KaaIntegrationTest
class ApiKeyTest {

    static final Pattern SHOWN_KEY = Pattern.compile("id=\"api-key\"[^>]*value=\"(kaa_[A-Za-z0-9_-]{43})\"");
    static final String MEMBERS = "/api/v1/target-group/members?municipality=2380";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired PasswordEncoder encoder;

    WebSession admin;

    @BeforeEach
    void signInAsAdministrator() {
        database.clean();
        clock.reset();
        admin = new WebSession(port);
        assertThat(location(admin.login(KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD))).doesNotContain("error");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    String createKey(String name, String role, String municipality, String expires) {
        HttpResponse<String> created = admin.postForm("/admin/api-nycklar", "/admin/api-nycklar",
                Map.of("name", name, "role", role, "municipalities", municipality, "expires", expires));
        assertThat(created.statusCode()).isEqualTo(200);
        Matcher key = SHOWN_KEY.matcher(created.body());
        assertThat(key.find()).as("the new key is shown").isTrue();
        assertThat(created.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("no-store"));
        return key.group(1);
    }

    static String bearer(String key) {
        return "Bearer " + key;
    }

    @Test
    void anAdministratorCreatesAKeyThatIsShownOnceAndStoredHashed() {
        String key = createKey("Elevregistret", "SYSTEM", "2380", "2027-06-30");

        HttpResponse<String> list = admin.get("/admin/api-nycklar");
        assertThat(list.body()).contains("Elevregistret", key.substring(0, 10) + "…", "Systemklient", "2027-06-30", "Aldrig")
                .doesNotContain(key);
        Map<String, Object> row = jdbc.sql("SELECT * FROM api_key").query().singleRow();
        assertThat(row.get("key_hash")).isEqualTo(ApiKeys.hash(key)).asString().hasSize(64).doesNotContain(key.substring(4));
        assertThat(row.values()).noneMatch(v -> v != null && v.toString().contains(key.substring(4)));
        assertThat(row.get("role")).isEqualTo("SYSTEM");
        assertThat(row.get("created_by")).isEqualTo(KaaIntegrationTest.USER);
    }

    @Test
    void theKeySignsInOnTheApiWithItsRoleAndRecordsItsLastUse() {
        String key = createKey("Skolans system", "SYSTEM", "2380", "2027-06-30");
        WebSession system = new WebSession(port);

        HttpResponse<String> members = system.get(MEMBERS, bearer(key));
        assertThat(members.statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT last_used_at IS NOT NULL FROM api_key").query(Boolean.class).single()).isTrue();
        assertThat(admin.get("/admin/api-nycklar").body()).doesNotContain("Aldrig");
        assertThat(members.headers().firstValue("Set-Cookie")).as("stateless").isEmpty();
        // An API key is for the API only.
        assertThat(system.get("/malgrupp", bearer(key)).statusCode()).isEqualTo(302);
    }

    @Test
    void unknownRevokedAndExpiredKeysGetProblemDetails401() {
        String key = createKey("Folkbokföringsflödet", "SYSTEM", "2380", "2026-12-31");
        WebSession system = new WebSession(port);
        assertThat(system.get(MEMBERS, bearer(key)).statusCode()).isEqualTo(200);

        HttpResponse<String> unknown = system.get(MEMBERS, bearer("kaa_" + "A".repeat(43)));
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(unknown.body()).contains("\"status\":401", "API-nyckeln är okänd");

        clock.setDate(java.time.LocalDate.of(2026, 12, 31));
        assertThat(system.get(MEMBERS, bearer(key)).statusCode()).as("valid through its last day").isEqualTo(200);
        clock.setDate(java.time.LocalDate.of(2027, 1, 1));
        assertThat(system.get(MEMBERS, bearer(key)).statusCode()).as("expired").isEqualTo(401);
        assertThat(admin.get("/admin/api-nycklar").body()).contains("Utgången");
        clock.reset();

        long id = jdbc.sql("SELECT id FROM api_key").query(Long.class).single();
        HttpResponse<String> revoked = admin.postForm("/admin/api-nycklar", "/admin/api-nycklar/" + id + "/aterkalla", Map.of());
        assertThat(location(revoked)).endsWith("/admin/api-nycklar?aterkallad");
        assertThat(system.get(MEMBERS, bearer(key)).statusCode()).isEqualTo(401);
        assertThat(admin.get("/admin/api-nycklar").body()).contains("Återkallad");
        assertThat(jdbc.sql("SELECT revoked_by FROM api_key").query(String.class).single()).isEqualTo(KaaIntegrationTest.USER);
    }

    @Test
    void badInputIsRefusedInSwedishAndCreatesNothing() {
        HttpResponse<String> refused = admin.postForm("/admin/api-nycklar", "/admin/api-nycklar",
                Map.of("name", " ", "role", "KUNG", "municipalities", "0180", "expires", "2020-01-01"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Nyckeln skapades inte", "Ange ett namn", "Välj en roll",
                "Välj minst en kommun", "Ange ett datum efter i dag").doesNotContain("kaa_");
        HttpResponse<String> tooLong = admin.postForm("/admin/api-nycklar", "/admin/api-nycklar",
                Map.of("name", "<script>x</script>", "role", "SYSTEM", "municipalities", "2380", "expires", "2030-01-01"));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("&lt;script&gt;x&lt;/script&gt;").doesNotContain("<script>x");
        assertThat(jdbc.sql("SELECT count(*) FROM api_key").query(Integer.class).single()).isZero();
    }

    @Test
    void onlyAnAdministratorManagesKeys() {
        jdbc.sql("INSERT INTO app_user (username, password_hash, display_name) VALUES (?, ?, ?) "
                        + "ON CONFLICT (username) DO NOTHING")
                .params("hanna-handlaggare", encoder.encode("hanna-password-1"), "Hanna").update();
        jdbc.sql("INSERT INTO user_role (user_id, role) SELECT id, 'HANDLAGGARE' FROM app_user WHERE username = ? "
                        + "ON CONFLICT DO NOTHING")
                .param("hanna-handlaggare").update();
        jdbc.sql("INSERT INTO user_municipality (user_id, municipality) SELECT id, '2380' FROM app_user WHERE username = ? "
                        + "ON CONFLICT DO NOTHING")
                .param("hanna-handlaggare").update();
        WebSession hanna = new WebSession(port);
        hanna.login("hanna-handlaggare", "hanna-password-1");
        assertThat(hanna.get("/admin/api-nycklar").statusCode()).isEqualTo(403);
        assertThat(hanna.get("/malgrupp").body()).doesNotContain("/admin/api-nycklar");
        assertThat(admin.get("/malgrupp").body()).contains("/admin/api-nycklar");
    }
}
