package se.kaa.targetgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
 * A group left wrong (a crash in the middle of a recomputation once left 1,347 members of 13,502
 * until the nightly run): an administrator recomputes it, and every case with it, now.
 */
@KaaIntegrationTest
class RecomputeNowTest {

    static final String FOLKBOKFORING = """
            personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status
            200801172388;Alva;Ek;2380;2008-01-17;;Storgatan 1;83130;Östersund;NEJ;NORMAL
            200802012385;Bertil;Berg;2380;2008-02-01;;Storgatan 2;83130;Östersund;NEJ;NORMAL
            200802022392;Celine;Dahl;2380;2008-02-02;;Storgatan 3;83130;Östersund;NEJ;NORMAL
            """;

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired TestUsers users;

    @BeforeEach
    void threeMembers() {
        database.clean();
        clock.reset();
        users.ensure();
        WebSession.api(port).upload("/api/v1/imports/folkbokforing?municipality=2380&asOf=2026-09-01", "f.csv",
                FOLKBOKFORING.getBytes(StandardCharsets.UTF_8));
        assertThat(members()).isEqualTo(3);
    }

    @Test
    void anAdministratorRecomputesTheGroupAndTheCasesNow() throws Exception {
        // as a crash halfway through a recomputation left it: two episodes lost, their cases closed
        jdbc.sql("""
                DELETE FROM membership_episode WHERE person_id IN (SELECT id FROM person WHERE pnr <> '200801172388')""")
                .update();
        jdbc.sql("UPDATE casework_case SET status = 'CLOSED', closed_on = DATE '2026-11-22' "
                + "WHERE person_id IN (SELECT id FROM person WHERE pnr <> '200801172388')").update();
        assertThat(members()).isEqualTo(1);

        WebSession admin = new WebSession(port);
        assertThat(admin.login(TestUsers.username(Role.ADMINISTRATOR), TestUsers.PASSWORD).statusCode()).isEqualTo(302);
        String page = admin.get("/admin/omberakning").body();
        assertThat(page).contains("Beräkna om målgruppen", "Beräkna om nu", "Efter import nr");
        assertThat(admin.post("/admin/omberakning", Map.of()).statusCode()).isEqualTo(302);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (jdbc.sql("SELECT count(*) FROM targetgroup_recompute_request WHERE finished_at IS NULL")
                .query(Long.class).single() > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(members()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM casework_case WHERE status = 'OPEN'").query(Long.class).single())
                .isEqualTo(3);
        assertThat(admin.get("/admin/omberakning").body()).contains("Begärd av administratör")
                .doesNotContain("requested", "daily");
        // a case worker may not
        WebSession anna = new WebSession(port);
        anna.login(TestUsers.username(Role.HANDLAGGARE), TestUsers.PASSWORD);
        assertThat(anna.post("/admin/omberakning", Map.of()).statusCode()).isEqualTo(403);
    }

    private long members() {
        return jdbc.sql("SELECT count(*) FROM membership_episode WHERE exited IS NULL").query(Long.class).single();
    }
}
