package se.kaa.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestUsers;
import se.kaa.testsupport.WebSession;

/** The administrator's user pages: create, roles and grants, password policy, disable. */
@KaaIntegrationTest
class UserAdministrationTest {

    static final String NEW_USER = "ny.handlaggare";
    static final String NEW_PASSWORD = "en lång lösenfras i höst";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired TestUsers users;

    WebSession admin;

    @BeforeEach
    void setUp() {
        users.ensure();
        jdbc.sql("DELETE FROM app_user WHERE username = ?").param(NEW_USER).update();
        jdbc.sql("DELETE FROM login_failure").update();
        admin = new WebSession(port);
        admin.login(KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD);
    }

    @Test
    void theFirstAdministratorHoldsTheRoleAndEveryServedMunicipality() {
        assertThat(jdbc.sql("""
                SELECT r.role FROM user_role r JOIN app_user u ON u.id = r.user_id WHERE u.username = ?""")
                .param(KaaIntegrationTest.USER).query(String.class).list()).containsExactly("ADMINISTRATOR");
        assertThat(jdbc.sql("""
                SELECT m.municipality FROM user_municipality m JOIN app_user u ON u.id = m.user_id WHERE u.username = ?""")
                .param(KaaIntegrationTest.USER).query(String.class).list()).containsExactlyInAnyOrder("2380", "2361", "9999");
    }

    @Test
    void anAdministratorCreatesAUserWhoThenSeesOnlyHerMunicipality() {
        HttpResponse<String> weak = admin.post("/admin/anvandare", form("kort", List.of("HANDLAGGARE"), List.of("2380")));
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(weak.body()).contains("Lösenordet ska ha minst 12 tecken.");

        HttpResponse<String> withName = admin.post("/admin/anvandare",
                form(NEW_USER + "-2026", List.of("HANDLAGGARE"), List.of("2380")));
        assertThat(withName.statusCode()).isEqualTo(400);
        assertThat(withName.body()).contains("får inte innehålla användarnamnet");

        HttpResponse<String> noRole = admin.post("/admin/anvandare", form(NEW_PASSWORD, List.of(), List.of()));
        assertThat(noRole.body()).contains("Välj minst en roll.", "Välj minst en kommun.");

        HttpResponse<String> created = admin.post("/admin/anvandare",
                form(NEW_PASSWORD, List.of("HANDLAGGARE"), List.of("2380")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        String hash = jdbc.sql("SELECT password_hash FROM app_user WHERE username = ?").param(NEW_USER)
                .query(String.class).single();
        assertThat(hash).startsWith("{bcrypt}");

        WebSession user = new WebSession(port);
        assertThat(user.login(NEW_USER, NEW_PASSWORD).headers().firstValue("Location").orElseThrow())
                .doesNotContain("error");
        HttpResponse<String> group = user.get("/malgrupp");
        assertThat(group.statusCode()).isEqualTo(200);
        assertThat(group.body()).contains("value=\"2380\"").doesNotContain("value=\"2361\"");
        assertThat(user.get("/importer").statusCode()).as("a handläggare does not import").isEqualTo(403);
        assertThat(user.get("/admin/anvandare").statusCode()).isEqualTo(403);

        String location = created.headers().firstValue("Location").orElseThrow();
        String path = location.substring(location.indexOf("/admin/anvandare/"));
        assertThat(admin.get(path).body()).contains(NEW_USER);
        HttpResponse<String> promoted = admin.post(path, Map.of("displayName", "Ny Chef", "roles", "ENHETSCHEF",
                "municipalities", "2361", "schoolUnits", "", "enabled", "true"));
        assertThat(promoted.statusCode()).isEqualTo(302);
        HttpResponse<String> imports = user.get("/importer");
        assertThat(imports.statusCode()).as("roles and grants apply at her next request").isEqualTo(200);
        assertThat(imports.body()).contains("value=\"2361\"").doesNotContain("value=\"2380\"");

        assertThat(admin.post(path + "/inaktivera", Map.of()).statusCode()).isEqualTo(302);
        assertThat(user.get("/importer").statusCode()).as("a disabled user's session ends").isEqualTo(302);
        assertThat(new WebSession(port).login(NEW_USER, NEW_PASSWORD).headers().firstValue("Location").orElseThrow())
                .endsWith("/login?error");
    }

    @Test
    void anAdministratorGrantsOnlyHerOwnMunicipalitiesAndSeesOnlyUsersSharingThem() {
        WebSession local = new WebSession(port);
        local.login(TestUsers.username(Role.ADMINISTRATOR), TestUsers.PASSWORD);
        HttpResponse<String> refused = local.post("/admin/anvandare",
                form(NEW_PASSWORD, List.of("HANDLAGGARE"), List.of("2361")));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Du kan bara ge behörighet till kommuner som du själv har.");
        jdbc.sql("DELETE FROM app_user WHERE username = 'only-2361'").update();
        long other = jdbc.sql("INSERT INTO app_user (username, password_hash, display_name) VALUES ('only-2361', 'x', 'x') RETURNING id")
                .query(Long.class).single();
        jdbc.sql("INSERT INTO user_municipality (user_id, municipality) VALUES (?, '2361')").param(other).update();
        assertThat(local.get("/admin/anvandare").body()).contains(TestUsers.username(Role.HANDLAGGARE))
                .doesNotContain("only-2361");
        assertThat(local.get("/admin/anvandare/" + other).statusCode()).isEqualTo(404);
    }

    @Test
    void anAdministratorCannotDisableHerself() {
        long id = jdbc.sql("SELECT id FROM app_user WHERE username = ?").param(KaaIntegrationTest.USER)
                .query(Long.class).single();
        admin.post("/admin/anvandare/" + id + "/inaktivera", Map.of());
        assertThat(jdbc.sql("SELECT enabled FROM app_user WHERE id = ?").param(id).query(Boolean.class).single()).isTrue();
    }

    private static Map<String, String> form(String password, List<String> roles, List<String> municipalities) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", NEW_USER);
        form.put("displayName", "Ny Handläggare");
        form.put("password", password);
        if (!roles.isEmpty()) {
            form.put("roles", roles.get(0));
        }
        if (!municipalities.isEmpty()) {
            form.put("municipalities", municipalities.get(0));
        }
        form.put("schoolUnits", "");
        return form;
    }
}
