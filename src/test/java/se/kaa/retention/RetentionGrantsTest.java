package se.kaa.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.kaa.retention.internal.RetentionService;
import se.kaa.security.Role;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.TestUsers;
import se.kaa.testsupport.WebSession;

/**
 * The retention page of an administrator granted only {@value TestUsers#MUNICIPALITY}: she sees and
 * changes only its policies, a policy of another served municipality is refused like an unserved one
 * and changes nothing, and the dry run and the run log show only her municipality's counts.
 */
@KaaIntegrationTest
class RetentionGrantsTest {

    static final String HEADER =
            "personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status\n";

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired TestUsers users;
    @Autowired RetentionService retention;
    @Autowired JdbcClient jdbc;

    WebSession admin;
    long rejected2380;

    @BeforeEach
    void rejectedRowsInTwoMunicipalities() {
        database.clean();
        clock.reset();
        users.ensure();
        WebSession http = WebSession.api(port);
        // 2380: one rejected row; 2361: four, so that a count of 2361 is told apart from 2380's.
        HttpResponse<String> own = http.upload("/api/v1/imports/folkbokforing?municipality=2380&asOf=2026-11-01",
                "a.csv", (HEADER + "200801172388;Alva;Ek;2380;2008-01-17;;Storgatan 1;83130;Östersund;NEJ;NORMAL\n"
                        + "12345;Fel;Rad;2380;2008-01-17;;;;;NEJ;NORMAL\n").getBytes(StandardCharsets.UTF_8));
        assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
        HttpResponse<String> other = http.upload("/api/v1/imports/folkbokforing?municipality=2361&asOf=2026-11-01",
                "b.csv", (HEADER + "200803012384;Dora;Dunge;2361;2008-03-01;;Byvägen 1;84031;Åre;NEJ;NORMAL\n"
                        + "1;Fel;Ett;2361;2008-03-01;;;;;NEJ;NORMAL\n"
                        + "22;Fel;Två;2361;2008-03-01;;;;;NEJ;NORMAL\n"
                        + "333;Fel;Tre;2361;2008-03-01;;;;;NEJ;NORMAL\n"
                        + "4444;Fel;Fyra;2361;2008-03-01;;;;;NEJ;NORMAL\n").getBytes(StandardCharsets.UTF_8));
        assertThat(other.statusCode()).as(other.body()).isEqualTo(201);
        rejected2380 = rejected("2380");
        assertThat(rejected2380).isEqualTo(1);
        assertThat(rejected("2361")).isEqualTo(4);
        // A policy another administrator set for 2361.
        jdbc.sql("""
                INSERT INTO retention_policy (municipality, data_class, months, action, changed_by, changed_at)
                VALUES ('2361', 'REJECTED_IMPORT_ROWS', 3, 'DELETE', 'annan', now())""").update();
        admin = new WebSession(port);
        assertThat(admin.login(TestUsers.username(Role.ADMINISTRATOR), TestUsers.PASSWORD).statusCode())
                .isEqualTo(302);
    }

    @Test
    void thePageListsOnlyTheGrantedMunicipalitysPoliciesAndDryRun() {
        clock.setDate(LocalDate.of(2027, 5, 22)); // both municipalities' rejected rows are due
        String page = admin.get("/admin/gallring").body();
        assertThat(page).contains("id=\"policies-2380\"", "id=\"dry-run-counts\"")
                .doesNotContain("policies-2361", "policies-9999", "value=\"2361\"", "value=\"9999\"", "2361 ", ">4<");
        assertThat(dryRunCounts(page)).contains("2380").contains(">" + rejected2380 + "<");

        String full = WebSession.signedIn(port).get("/admin/gallring").body();
        assertThat(full).as("the administrator granted every municipality sees them all")
                .contains("id=\"policies-2361\"", "id=\"policies-9999\"");
        assertThat(dryRunCounts(full)).contains("2361", ">4<");
    }

    @Test
    void aPolicyOfANonGrantedMunicipalityIsRefusedLikeAnUnservedOneAndChangesNothing() {
        HttpResponse<String> refused = save("2361", "REJECTED_IMPORT_ROWS", "0");
        assertThat(refused.statusCode()).isEqualTo(302);
        String afterRefused = admin.get("/admin/gallring").body();
        assertThat(afterRefused).contains("Regeln sparades inte").doesNotContain("Regeln för 2361");
        assertThat(save("0180", "REJECTED_IMPORT_ROWS", "0").statusCode()).isEqualTo(302);
        assertThat(admin.get("/admin/gallring").body()).as("the same answer as for an unserved one")
                .contains("Regeln sparades inte");
        assertThat(save("9999", "IDENTITY", "0").statusCode()).isEqualTo(302);
        assertThat(admin.get("/admin/gallring").body()).contains("Regeln sparades inte");
        assertThat(jdbc.sql("SELECT municipality || ' ' || data_class || ' ' || months || ' ' || changed_by"
                + " FROM retention_policy").query(String.class).list())
                .containsExactly("2361 REJECTED_IMPORT_ROWS 3 annan");

        assertThat(save("2380", "REJECTED_IMPORT_ROWS", "2").statusCode()).isEqualTo(302);
        assertThat(admin.get("/admin/gallring").body()).contains("Regeln för 2380 är sparad.");
        assertThat(jdbc.sql("SELECT count(*) FROM retention_policy WHERE municipality = '2380'").query(Long.class)
                .single()).isEqualTo(1);
    }

    @Test
    void theRunLogShowsOnlyTheGrantedMunicipalitysCountsAndTheirSumAsTotal() {
        clock.setDate(LocalDate.of(2027, 5, 22));
        RetentionService.Run run = retention.run("DAILY", "system");
        assertThat(run.total()).isEqualTo(rejected2380 + 4);

        String page = admin.get("/admin/gallring").body();
        String log = page.substring(page.indexOf("id=\"runs\""));
        assertThat(log).contains("2380: Avvisade importrader, Radera " + rejected2380)
                .doesNotContain("2361:", ">" + (rejected2380 + 4) + "<");
        assertThat(log).contains("<td>" + rejected2380 + "</td>");

        String full = WebSession.signedIn(port).get("/admin/gallring").body();
        assertThat(full.substring(full.indexOf("id=\"runs\""))).contains("2361: Avvisade importrader, Radera 4",
                "<td>" + (rejected2380 + 4) + "</td>");
    }

    @Test
    void aRunOnDemandRemovesAndReportsOnlyWhatIsDueInTheGrantedMunicipality() {
        clock.setDate(LocalDate.of(2027, 5, 22));
        String page = admin.get("/admin/gallring").body();
        String expected = page.replaceAll("(?s).*name=\"expected\" value=\"(\\d+)\".*", "$1");
        assertThat(expected).as("the dry run shows her municipality only").isEqualTo(String.valueOf(rejected2380));
        HttpResponse<String> run = admin.post("/admin/gallring/kor", Map.of("confirm", "ja", "expected", expected));
        assertThat(run.statusCode()).isEqualTo(302);
        assertThat(admin.get("/admin/gallring").body())
                .contains("Gallringen är körd: " + rejected2380 + (rejected2380 == 1 ? " post" : " poster"));
        assertThat(rejected("2380")).isZero();
        assertThat(rejected("2361")).as("due too, but not hers: left for the daily run").isEqualTo(4);
    }

    private HttpResponse<String> save(String municipality, String dataClass, String months) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("municipality", municipality);
        fields.put("dataClass", dataClass);
        fields.put("months", months);
        fields.put("action", "DELETE");
        return admin.post("/admin/gallring/regel", fields);
    }

    private static String dryRunCounts(String page) {
        int from = page.indexOf("id=\"dry-run-counts\"");
        assertThat(from).as("the dry run's counts").isPositive();
        return page.substring(from, page.indexOf("</table>", from));
    }

    private long rejected(String municipality) {
        return jdbc.sql("SELECT count(*) FROM import_rejected_row r JOIN import_batch b ON b.id = r.batch_id"
                + " WHERE b.municipality = ?").param(municipality).query(Long.class).single();
    }
}
