package se.kaa.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.kaa.retention.internal.RetentionPlan;
import se.kaa.retention.internal.RetentionService;
import se.kaa.targetgroup.internal.Recomputation;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.WebSession;

/**
 * Retention with the fixed clock: data disappears on the day it falls due and not the day before,
 * pseudonymisation keeps the statistical core and nothing that identifies her, municipality
 * policies set on the page take effect, and every run is logged with its counts.
 */
@KaaIntegrationTest
class RetentionIntegrationTest {

    // Skatteverket test numbers.
    static final String ALVA = "200801172388";   // drops out of NA on 2026-03-13; turns 20 on 2028-01-17
    static final String BERTIL = "200802012385"; // in NA, never a member; turns 20 on 2028-02-01

    static final String FOLKBOKFORING = """
            personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status
            200801172388;Alva;Ek;2380;2008-01-17;;Storgatan 1;83130;Östersund;NEJ;NORMAL
            200802012385;Bertil;Berg;2380;2008-02-01;;Storgatan 2;83130;Östersund;NEJ;NORMAL
            """;

    static final String INSKRIVNINGAR = """
            personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak
            200801172388;12345678;Östersunds kommun;GY;NA;2024-08-19;2026-03-13;AVBROTT
            200802012385;12345678;Östersunds kommun;GY;NA;2024-08-19;;
            """;

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired Recomputation recomputation;
    @Autowired RetentionService retention;
    @Autowired JdbcClient jdbc;

    WebSession http;

    @BeforeEach
    void importFiles() {
        database.clean();
        clock.reset();
        http = WebSession.api(port);
        assertThat(upload("folkbokforing", "&asOf=2026-09-01", FOLKBOKFORING).statusCode()).isEqualTo(201);
        assertThat(upload("inskrivningar", "", INSKRIVNINGAR).statusCode()).isEqualTo(201);
        assertThat(count("membership_episode")).isEqualTo(1);
    }

    @Test
    void byDefaultIdentityIsPseudonymisedTwelveMonthsAfterTheTwentiethBirthdayAndNotTheDayBefore() {
        dailyRunsOn(LocalDate.of(2029, 1, 16));
        assertThat(personExists(ALVA)).isTrue();
        assertThat(retention.recentRuns(1).get(0).total()).isZero();

        dailyRunsOn(LocalDate.of(2029, 1, 17));
        assertThat(personExists(ALVA)).isFalse();
        assertThat(personExists(BERTIL)).as("Bertil turns 20 two weeks later").isTrue();
        for (String table : new String[] {"population_record", "enrolment"}) {
            assertThat(jdbc.sql("SELECT count(*) FROM " + table + " t JOIN person p ON p.id = t.person_id")
                    .query(Long.class).single()).as(table).isEqualTo(1);
            assertThat(count(table)).as(table + " holds only Bertil").isEqualTo(1);
        }
        assertThat(count("membership_episode")).isZero();
        // The statistical core: municipality, dates and reasons under a pseudonym, the birth year only.
        Map<String, Object> core = jdbc.sql("SELECT * FROM retained_episode").query().singleRow();
        assertThat(core).containsEntry("municipality", "2380").containsEntry("birth_year", 2008)
                .containsEntry("reason", "AVBROTT").containsEntry("exit_reason", "FYLLT_20");
        assertThat(core.get("entered").toString()).isEqualTo("2026-03-14");
        assertThat(core.get("exited").toString()).isEqualTo("2028-01-17");
        assertThat(core.toString()).doesNotContain(ALVA, "Alva", "Storgatan");

        RetentionService.Run run = retention.recentRuns(1).get(0);
        assertThat(run.total()).isEqualTo(1);
        assertThat(run.counts()).extracting(c -> c.municipality().value() + " " + c.dataClass() + " " + c.action()
                + " " + c.count()).containsExactly("2380 IDENTITY PSEUDONYMISE 1");

        dailyRunsOn(LocalDate.of(2029, 2, 1));
        assertThat(personExists(BERTIL)).isFalse();
        assertThat(count("retained_episode")).as("Bertil was never a member").isEqualTo(1);
        assertThat(count("person")).isZero();
    }

    @Test
    void aMunicipalityPolicySetOnThePageDeletesOnTheBirthdayItself() {
        WebSession ui = WebSession.signedIn(port);
        String token = WebSession.tokenOf(ui.get("/admin/gallring").body());
        HttpResponse<String> saved = ui.post("/admin/gallring/regel", Map.of("_csrf", token, "municipality", "2380",
                "dataClass", "IDENTITY", "months", "0", "action", "DELETE"));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(ui.get("/admin/gallring").body()).contains("Regeln för 2380 är sparad.");

        dailyRunsOn(LocalDate.of(2028, 1, 16));
        assertThat(personExists(ALVA)).isTrue();

        dailyRunsOn(LocalDate.of(2028, 1, 17));
        assertThat(personExists(ALVA)).isFalse();
        assertThat(count("retained_episode")).as("deleted, not pseudonymised").isZero();
        assertThat(retention.recentRuns(1).get(0).counts()).extracting(c -> c.dataClass() + " " + c.action())
                .containsExactly("IDENTITY DELETE");
    }

    @Test
    void aPersonStillReferredToByATableWithoutAParticipantIsKeptAndTheRunGoesOn() {
        jdbc.sql("CREATE TABLE retention_test_reference (person_id uuid NOT NULL REFERENCES person (id))").update();
        try {
            jdbc.sql("INSERT INTO retention_test_reference SELECT id FROM person WHERE pnr = ?").param(ALVA).update();
            dailyRunsOn(LocalDate.of(2029, 1, 17));
            assertThat(personExists(ALVA)).isTrue();
            assertThat(count("membership_episode")).as("her removal was rolled back as a whole").isEqualTo(1);
            assertThat(count("retained_episode")).isZero();
            assertThat(retention.recentRuns(1).get(0).total()).isZero();
        } finally {
            jdbc.sql("DROP TABLE retention_test_reference").update();
        }
        dailyRunsOn(LocalDate.of(2029, 1, 18));
        assertThat(personExists(ALVA)).isFalse();
    }

    @Test
    void aWrongPolicyIsRefusedWithAReason() {
        WebSession ui = WebSession.signedIn(port);
        String token = WebSession.tokenOf(ui.get("/admin/gallring").body());
        ui.post("/admin/gallring/regel", Map.of("_csrf", token, "municipality", "2380",
                "dataClass", "NOTES", "months", "6", "action", "PSEUDONYMISE"));
        ui.post("/admin/gallring/regel", Map.of("_csrf", token, "municipality", "2380",
                "dataClass", "IDENTITY", "months", "-1"));
        assertThat(ui.get("/admin/gallring").body()).contains("Regeln sparades inte");
        assertThat(count("retention_policy")).isZero();
    }

    @Test
    void rejectedImportRowsAreDeletedSixMonthsAfterReceiptAndNotTheDayBefore() {
        HttpResponse<String> bad = http.upload("/api/v1/imports/folkbokforing?municipality=2380&asOf=2026-11-01",
                "folkbokforing.csv", WebSession.fixture("folkbokforing-bad-rows.csv"));
        // it lists none of the residents of the setup's snapshot, so it is held for confirmation; its
        // rejected rows are kept all the same
        assertThat(bad.statusCode()).isEqualTo(202);
        long rejected = count("import_rejected_row");
        assertThat(rejected).isPositive();

        dailyRunsOn(LocalDate.of(2027, 5, 21));
        assertThat(count("import_rejected_row")).isEqualTo(rejected);

        dailyRunsOn(LocalDate.of(2027, 5, 22));
        assertThat(count("import_rejected_row")).isZero();
        assertThat(retention.recentRuns(1).get(0).counts())
                .extracting(c -> c.municipality().value() + " " + c.dataClass() + " " + c.count())
                .containsExactly("2380 REJECTED_IMPORT_ROWS " + rejected);
        assertThat(personExists(ALVA)).isTrue();
    }

    @Test
    void theDryRunPageListsWhatTheNextRunRemovesWithMaskedNumbersAndRemovesNothing() {
        clock.setDate(LocalDate.of(2029, 1, 17));
        recomputation.recomputeAll("test");
        RetentionPlan plan = retention.plan();
        assertThat(plan.persons()).extracting(p -> p.pin().value()).containsExactly(ALVA);

        WebSession ui = WebSession.signedIn(port);
        String page = ui.get("/admin/gallring").body();
        assertThat(page).contains("Provkörning", "id=\"dry-run-counts\"", "20080117-****", "2029-01-17",
                        "Pseudonymisera", "Kontaktlogg")
                // every class is applied: casework takes part in the run for its four classes
                .doesNotContain(ALVA, "20080117-2388", "Alva", "tillämpas när uppgifterna finns i systemet");
        assertThat(personExists(ALVA)).isTrue();
        assertThat(count("retention_run")).isZero();

        assertThat(page).contains("id=\"confirm-run\"", "kan inte återställas");
        String expected = page.replaceAll("(?s).*name=\"expected\" value=\"(\\d+)\".*", "$1");
        // not confirmed, or confirmed on a dry run that no longer holds: nothing is removed
        assertThat(ui.post("/admin/gallring/kor", Map.of("_csrf", WebSession.tokenOf(page), "expected", expected))
                .statusCode()).isEqualTo(302);
        assertThat(ui.get("/admin/gallring").body()).contains("Gallringen kördes inte. Läs provkörningen");
        assertThat(ui.post("/admin/gallring/kor", Map.of("_csrf", WebSession.tokenOf(page), "confirm", "ja",
                "expected", String.valueOf(Integer.parseInt(expected) + 1))).statusCode()).isEqualTo(302);
        assertThat(ui.get("/admin/gallring").body()).contains("har ändrats sedan sidan visades");
        assertThat(personExists(ALVA)).isTrue();
        assertThat(count("retention_run")).isZero();

        HttpResponse<String> run = ui.post("/admin/gallring/kor", Map.of("_csrf", WebSession.tokenOf(page), "confirm", "ja",
                "expected", expected));
        assertThat(run.statusCode()).isEqualTo(302);
        assertThat(personExists(ALVA)).isFalse();
        String after = ui.get("/admin/gallring").body();
        assertThat(after).contains("Gallringen är körd: 1 post togs bort", "Manuell körning (" + KaaIntegrationTest.USER + ")",
                "id=\"dry-run-empty\"");
    }

    private void dailyRunsOn(LocalDate date) {
        clock.setDate(date);
        recomputation.daily();
        retention.daily();
    }

    private boolean personExists(String pnr) {
        return jdbc.sql("SELECT count(*) FROM person WHERE pnr = ?").param(pnr).query(Long.class).single() > 0;
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    private HttpResponse<String> upload(String kind, String extra, String csv) {
        return http.upload("/api/v1/imports/" + kind + "?municipality=2380" + extra, kind + ".csv",
                csv.getBytes(StandardCharsets.UTF_8));
    }
}
