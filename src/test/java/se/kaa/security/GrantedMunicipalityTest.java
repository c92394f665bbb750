package se.kaa.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestUsers;
import se.kaa.testsupport.WebSession;

/**
 * The one resolution of a {@link Granted} municipality, seen through the unit's pages that use it: a
 * page falls back to her own municipality, a change for another is 404 and changes nothing, and a
 * user granted none sees none of them.
 */
@KaaIntegrationTest
class GrantedMunicipalityTest {

    static final String[] PAGES = {"/admin/arenden/installningar", "/admin/arenden/fordelning", "/admin/arenden/atgarder"};

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void accounts() {
        database.clean();
        users.ensure();
    }

    @Test
    void aPageShowsHerOwnMunicipalityWhateverTheAddressSays() {
        WebSession manager = new WebSession(port);
        manager.login(TestUsers.username(Role.ENHETSCHEF), TestUsers.PASSWORD);
        for (String page : PAGES) {
            for (String asked : new String[] {"", "?municipality=2361", "?municipality=x"}) {
                var response = manager.get(page + asked);
                assertThat(response.statusCode()).as(page + asked).isEqualTo(200);
                assertThat(response.body()).as(page + asked).contains("value=\"2380\"").doesNotContain("value=\"2361\"");
            }
        }
    }

    @Test
    void aChangeForAMunicipalityNotHersIsNotFoundAndChangesNothing() {
        WebSession manager = new WebSession(port);
        manager.login(TestUsers.username(Role.ENHETSCHEF), TestUsers.PASSWORD);
        for (String municipality : new String[] {"2361", "", "x"}) {
            assertThat(manager.post("/admin/arenden/atgarder", Map.of("municipality", municipality, "name", "Sommarjobb",
                    "category", "PRAKTIK")).statusCode()).as(municipality).isEqualTo(404);
            assertThat(manager.post("/admin/arenden/fordelning/ta-bort", Map.of("municipality", municipality, "id", "1"))
                    .statusCode()).as(municipality).isEqualTo(404);
            assertThat(manager.post("/admin/arenden/installningar", Map.of("municipality", municipality,
                    "firstAttemptDays", "5")).statusCode()).as(municipality).isEqualTo(404);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM casework_measure_type WHERE name = 'Sommarjobb'").query(Integer.class)
                .single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM casework_settings").query(Integer.class).single()).isZero();
    }

    @Test
    void aMunicipalityInThePathIsResolvedTheSameWay() {
        WebSession admin = WebSession.signedIn(port);
        assertThat(admin.get("/admin/arenden/brevmallar/2380/INFORMATION").statusCode()).isEqualTo(200);
        for (String municipality : new String[] {"0114", "x", "23800"}) { // not served, not a code
            assertThat(admin.get("/admin/arenden/brevmallar/" + municipality + "/INFORMATION").statusCode())
                    .as(municipality).isEqualTo(404);
        }
    }

    @Test
    void withNoMunicipalityGrantedThereIsNothingToSee() {
        jdbc.sql("DELETE FROM user_municipality WHERE user_id = (SELECT id FROM app_user WHERE username = ?)")
                .param(TestUsers.username(Role.ENHETSCHEF)).update();
        WebSession manager = new WebSession(port);
        manager.login(TestUsers.username(Role.ENHETSCHEF), TestUsers.PASSWORD);
        for (String page : PAGES) {
            assertThat(manager.get(page + "?municipality=2380").statusCode()).as(page).isEqualTo(404);
        }
    }
}
