package se.kaa.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.kaa.casework.lifecycle.CaseLifecycle;
import se.kaa.targetgroup.internal.Recomputation;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.WebSession;

/**
 * Cases follow membership episodes through the real import pipeline: one case per person and
 * municipality opens when she enters the group, closes with the exit reason when she leaves, and the
 * same case reopens when she comes back; a synchronisation without new facts changes nothing.
 */
@KaaIntegrationTest
class CaseLifecycleTest {

    // Skatteverket test numbers.
    static final String ALVA = "200801172388";   // drops out of NA on 2026-03-13
    static final String BERTIL = "200802012385"; // in NA, never in the group

    static final String FOLKBOKFORING = """
            personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status
            200801172388;Alva;Ek;2380;2008-01-17;;Storgatan 1;83130;Östersund;NEJ;NORMAL
            200802012385;Bertil;Berg;2380;2008-02-01;;Storgatan 2;83130;Östersund;NEJ;NORMAL
            """;
    static final String HEADER = "personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak\n";

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired CaseLifecycle lifecycle;
    @Autowired Recomputation recomputation;

    WebSession http;

    @BeforeEach
    void importFiles() {
        database.clean();
        clock.reset();
        http = WebSession.api(port);
        upload("folkbokforing", "&asOf=2026-09-01", FOLKBOKFORING);
        upload("inskrivningar", "", HEADER
                + "200801172388;12345678;Östersunds kommun;GY;NA;2024-08-19;2026-03-13;AVBROTT\n"
                + "200802012385;12345678;Östersunds kommun;GY;NA;2024-08-19;;\n");
    }

    @Test
    void aCaseOpensWhenSheEntersTheGroupClosesWhenSheLeavesAndReopensWhenSheComesBack() {
        Map<String, Object> opened = caseOf(ALVA);
        assertThat(opened.get("status")).isEqualTo("OPEN");
        assertThat(opened.get("entered")).isEqualTo(java.sql.Date.valueOf("2026-03-14"));
        assertThat(opened.get("reason")).isEqualTo("AVBROTT");
        assertThat(opened.get("assignee")).isNull();
        // Bertil looked like a member while only the folkbokföring file was in (no enrolment yet): his
        // case opened with that import, and went again with the next, since the episode did not end
        // but turned out never to have existed and nothing was done on the case. The log keeps both.
        assertThat(jdbc.sql("SELECT count(*) FROM casework_case c JOIN person p ON p.id = c.person_id WHERE p.pnr = ?")
                .param(BERTIL).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("""
                SELECT a.action FROM audit_entry a JOIN person p ON p.id = ANY (a.person_ids)
                WHERE p.pnr = ? AND a.action LIKE 'CASE_%' ORDER BY a.id""").param(BERTIL).query(String.class).list())
                .containsExactly("CASE_OPENED", "CASE_WITHDRAWN");

        // She starts at komvux-like GY again on 2026-11-02: the episode ends, and so does the case.
        upload("inskrivningar", "", HEADER + "200801172388;87654321;Friskolan AB;GY;EK;2026-11-02;;\n");
        Map<String, Object> closed = caseOf(ALVA);
        assertThat(closed.get("status")).isEqualTo("CLOSED");
        assertThat(closed.get("closed_on")).isEqualTo(java.sql.Date.valueOf("2026-11-02"));
        assertThat(closed.get("exit_reason")).isEqualTo("PABORJAT_UTBILDNING");

        // She drops out again: the same case reopens with the new entry.
        upload("inskrivningar", "", HEADER + "200801172388;87654321;Friskolan AB;GY;EK;2026-11-02;2026-11-15;AVBROTT\n");
        Map<String, Object> reopened = caseOf(ALVA);
        assertThat(reopened.get("id")).isEqualTo(opened.get("id"));
        assertThat(reopened.get("status")).isEqualTo("OPEN");
        assertThat(reopened.get("entered")).isEqualTo(java.sql.Date.valueOf("2026-11-16"));
        assertThat(reopened.get("closed_on")).isNull();
        assertThat((Long) reopened.get("version")).isGreaterThan((Long) opened.get("version"));

        assertThat(jdbc.sql("SELECT kind FROM casework_case_event WHERE case_id = ? ORDER BY id")
                .param(opened.get("id")).query(String.class).list())
                .containsExactly("OPENED", "CLOSED", "REOPENED");
        assertThat(jdbc.sql("""
                SELECT a.action FROM audit_entry a JOIN casework_case c ON c.person_id = ANY (a.person_ids)
                WHERE a.action LIKE 'CASE_%' AND c.id = ? ORDER BY a.id""").param(opened.get("id"))
                .query(String.class).list()).containsExactly("CASE_OPENED", "CASE_CLOSED", "CASE_REOPENED");
    }

    @Test
    void theDailyRunClosesTheCaseOnHerTwentiethBirthday() {
        clock.setDate(LocalDate.of(2028, 1, 16));
        recomputation.recomputeAll("test");
        assertThat(caseOf(ALVA).get("status")).isEqualTo("OPEN");
        clock.setDate(LocalDate.of(2028, 1, 17));
        recomputation.recomputeAll("test");
        Map<String, Object> closed = caseOf(ALVA);
        assertThat(closed.get("status")).isEqualTo("CLOSED");
        assertThat(closed.get("exit_reason")).isEqualTo("FYLLT_20");
        assertThat(closed.get("closed_on")).isEqualTo(java.sql.Date.valueOf("2028-01-17"));
    }

    @Test
    void aCaseWithWorkOnItIsClosedNotWithdrawnWhenItsEpisodeTurnsOutNeverToHaveExisted() {
        Map<String, Object> alva = caseOf(ALVA);
        jdbc.sql("INSERT INTO casework_note (case_id, text, written_by, written_at) VALUES (?, 'Ringde', 'test', now())")
                .param(alva.get("id")).update();
        // The recomputation finds, from corrected facts, that she never was a member: no episode is left.
        java.util.UUID person = (java.util.UUID) alva.get("person_id");
        jdbc.sql("DELETE FROM membership_episode WHERE person_id = ?").param(person).update();
        assertThat(lifecycle.synchronise(java.util.List.of(person), clock.today()))
                .isEqualTo(new CaseLifecycle.Result(0, 0, 1, 0));
        Map<String, Object> closed = caseOf(ALVA);
        assertThat(closed.get("status")).isEqualTo("CLOSED");
        assertThat(closed.get("exit_reason")).isNull();
        assertThat(jdbc.sql("SELECT count(*) FROM casework_note WHERE case_id = ?").param(alva.get("id"))
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void synchronisingAgainWithoutNewFactsChangesNothing() {
        List<Map<String, Object>> before = jdbc.sql("SELECT * FROM casework_case ORDER BY id").query().listOfRows();
        long events = jdbc.sql("SELECT count(*) FROM casework_case_event").query(Long.class).single();
        CaseLifecycle.Result again = lifecycle.synchronise(null, clock.today());
        assertThat(again).isEqualTo(new CaseLifecycle.Result(0, 0, 0, 0));
        assertThat(jdbc.sql("SELECT * FROM casework_case ORDER BY id").query().listOfRows()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM casework_case_event").query(Long.class).single()).isEqualTo(events);
    }

    private Map<String, Object> caseOf(String pnr) {
        return jdbc.sql("SELECT c.* FROM casework_case c JOIN person p ON p.id = c.person_id WHERE p.pnr = ?")
                .param(pnr).query().singleRow();
    }

    private void upload(String kind, String extra, String csv) {
        var response = http.upload("/api/v1/imports/" + kind + "?municipality=2380" + extra, kind + ".csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    }
}
