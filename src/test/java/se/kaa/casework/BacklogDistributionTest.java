package se.kaa.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.kaa.security.Role;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.TestUsers;
import se.kaa.testsupport.WebSession;

/**
 * The enhetschef hands out the unassigned backlog at once (`/admin/arenden/fordelning`): she sees each
 * handläggare's load, "evenly" gives each case, most urgent first, to the one with the fewest open
 * cases, and a count that changed since the page was shown changes nothing.
 */
@KaaIntegrationTest
class BacklogDistributionTest {

    static final String ANNA = TestUsers.username(Role.HANDLAGGARE);
    static final String BERIT = "backlog-berit";

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired TestUsers users;

    WorklistFixtures f;
    List<Long> unassigned;

    @BeforeEach
    void aBacklogOfSevenAndAnnaWithThreeCases() {
        database.clean();
        clock.reset();
        users.ensure();
        long berit = jdbc.sql("INSERT INTO app_user (username, password_hash, display_name) VALUES (?, 'x', 'Berit Handläggare') RETURNING id")
                .param(BERIT).query(Long.class).single();
        jdbc.sql("INSERT INTO user_role (user_id, role) VALUES (?, 'HANDLAGGARE')").param(berit).update();
        jdbc.sql("INSERT INTO user_municipality (user_id, municipality) VALUES (?, '2380')").param(berit).update();
        f = new WorklistFixtures(jdbc);
        List<se.kaa.shared.PersonalIdentityNumber> numbers = se.kaa.demo.TestPersonnummer.load().stream()
                .filter(p -> p.birthDate().getYear() == 2008).limit(10).toList();
        unassigned = new java.util.ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
            long id = f.kase(numbers.get(i).value(), "Person" + i, "2380", "2026-10-" + (10 + i), "AVBROTT");
            if (i < 3) {
                f.assign(id, ANNA);
            } else {
                unassigned.add(id);
            }
        }
    }

    /** Berit exists for this class only: other classes list the case workers of 2380. */
    @org.junit.jupiter.api.AfterEach
    void withoutBerit() {
        jdbc.sql("DELETE FROM app_user WHERE username = ?").param(BERIT).update();
        database.clean();
    }

    @Test
    void evenlyByLoadMostUrgentFirstAndNothingWhenTheCountChanged() {
        WebSession chef = new WebSession(port);
        chef.login(TestUsers.username(Role.ENHETSCHEF), TestUsers.PASSWORD);
        String page = chef.get("/admin/arenden/fordelning?municipality=2380").body();
        assertThat(page).contains("7 öppna ärenden saknar handläggare", "Berit Handläggare", "name=\"expected\" value=\"7\"");

        // shown 6, there are 7: nothing is done
        HttpResponse<String> stale = chef.post("/admin/arenden/fordelning/fordela",
                Map.of("municipality", "2380", "how", "EVENLY", "expected", "6"));
        assertThat(stale.statusCode()).isEqualTo(302);
        assertThat(chef.get("/admin/arenden/fordelning?municipality=2380").body())
                .contains("Antalet ej tilldelade ärenden har ändrats sedan sidan visades");
        assertThat(count("assignee IS NULL")).isEqualTo(7);

        chef.post("/admin/arenden/fordelning/fordela", Map.of("municipality", "2380", "how", "EVENLY", "expected", "7"));
        assertThat(chef.get("/admin/arenden/fordelning?municipality=2380").body())
                .contains("7 ärenden fördelades: Berit Handläggare 5, Test HANDLAGGARE 2.")
                .contains("Alla öppna ärenden har en handläggare.");
        // Anna had 3, Berit none: Berit gets the three most urgent (the longest waiting), then they alternate
        assertThat(count("assignee = '" + ANNA + "'")).isEqualTo(5);
        assertThat(count("assignee = '" + BERIT + "'")).isEqualTo(5);
        assertThat(jdbc.sql("SELECT assignee FROM casework_case WHERE id = ?").param(unassigned.get(0))
                .query(String.class).single()).isEqualTo(BERIT);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'CASE_ASSIGNED' AND actor = ?")
                .param(TestUsers.username(Role.ENHETSCHEF)).query(Long.class).single()).isEqualTo(7);
    }

    @Test
    void aHandlaggareCannotHandOutTheBacklog() {
        WebSession anna = new WebSession(port);
        anna.login(ANNA, TestUsers.PASSWORD);
        assertThat(anna.post("/admin/arenden/fordelning/fordela",
                Map.of("municipality", "2380", "how", "EVENLY", "expected", "7")).statusCode()).isEqualTo(403);
        assertThat(count("assignee IS NULL")).isEqualTo(7);
    }

    private long count(String where) {
        return jdbc.sql("SELECT count(*) FROM casework_case WHERE " + where).query(Long.class).single();
    }
}
