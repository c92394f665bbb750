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

    /**
     * A closed case follows corrected facts as an open one does: facts that arrived later moved her
     * membership (the enrolment file showed her in school until February), and the closed case's entry,
     * closing day and reasons are those of her last episode – not of the membership first computed.
     */
    @Test
    void aClosedCaseFollowsItsLastEpisodeWhenFactsMoveIt() {
        Map<String, Object> alva = caseOf(ALVA);
        java.util.UUID person = (java.util.UUID) alva.get("person_id");
        jdbc.sql("UPDATE casework_case SET status = 'CLOSED', entered = DATE '2024-06-16', closed_on = DATE '2026-05-01', "
                + "exit_reason = 'FYLLT_20' WHERE id = ?").param(alva.get("id")).update();
        jdbc.sql("DELETE FROM membership_episode WHERE person_id = ?").param(person).update();
        jdbc.sql("""
                INSERT INTO membership_episode (person_id, municipality, entered, exited, exit_reason, reason, entry_kind,
                                                rule_set, computed_at)
                VALUES (?, '2380', DATE '2026-02-16', DATE '2026-06-07', 'UTFLYTTAD', 'STUDIEBEVIS', 'LEFT_SCHOOL', 'V2023', now())""")
                .param(person).update();
        for (List<java.util.UUID> ids : java.util.Arrays.asList(List.of(person), null)) {
            assertThat(lifecycle.synchronise(ids, clock.today())).isEqualTo(new CaseLifecycle.Result(0, 0, 0, 0));
            Map<String, Object> followed = caseOf(ALVA);
            assertThat(followed.get("status")).isEqualTo("CLOSED");
            assertThat(followed.get("entered")).isEqualTo(java.sql.Date.valueOf("2026-02-16"));
            assertThat(followed.get("reason")).isEqualTo("STUDIEBEVIS");
            assertThat(followed.get("closed_on")).isEqualTo(java.sql.Date.valueOf("2026-06-07"));
            assertThat(followed.get("exit_reason")).isEqualTo("UTFLYTTAD");
            assertThat(followed.get("version")).as("silently, as an open case follows").isEqualTo(alva.get("version"));
            jdbc.sql("UPDATE casework_case SET entered = DATE '2024-06-16' WHERE id = ?").param(alva.get("id")).update();
        }
    }

    /**
     * Closing and reopening have two ways to the database – through the {@code Case} aggregate for a few
     * named persons, set-based for many – and must agree to the byte: the same cases, days, reasons,
     * versions, events and audit entries. (Made in SQL: the import is not under test here.)
     */
    @Test
    void theAggregateAndTheSetBasedPathCloseAndReopenAlike() {
        List<Map<String, Object>> few = closingAndReopening(true);
        List<Map<String, Object>> many = closingAndReopening(false);
        assertThat(few).isEqualTo(many);
        // and they did what the episodes say (so that two paths doing nothing would not agree)
        assertThat(few).filteredOn(r -> "case".equals(r.get("what"))).extracting(r -> r.get("line")).containsExactly(
                "200701012387 CLOSED 2026-03-14 AVBROTT closed 2026-11-02 PABORJAT_UTBILDNING v1",
                "200701232381 CLOSED 2026-03-14 AVBROTT closed 2026-12-01 null v1",
                "200801012386 OPEN 2026-11-16 AVBROTT closed null null v2",
                "200802282384 OPEN 2026-03-14 AVBROTT closed null null v0");
        assertThat(few).filteredOn(r -> "event".equals(r.get("what"))).extracting(r -> r.get("line")).containsExactly(
                "200701012387 CLOSED 2026-11-02 PABORJAT_UTBILDNING system",
                "200701232381 CLOSED 2026-12-01 null system",
                "200801012386 REOPENED 2026-11-16 AVBROTT system");
    }

    /** Three cases that must change and one that must not, synchronised by one path or the other; what is left. */
    private List<Map<String, Object>> closingAndReopening(boolean throughTheAggregate) {
        database.clean();
        clock.setDate(LocalDate.of(2026, 12, 1));
        java.util.function.BiFunction<String, String, java.util.UUID> kase = (pnr, status) -> {
            java.util.UUID person = jdbc.sql("INSERT INTO person (pnr, birth_date) VALUES (?, ?) RETURNING id")
                    .params(pnr, LocalDate.parse(pnr.substring(0, 4) + "-" + pnr.substring(4, 6) + "-" + pnr.substring(6, 8)))
                    .query(java.util.UUID.class).single();
            jdbc.sql("""
                    INSERT INTO casework_case (person_id, municipality, status, entered, reason, closed_on, exit_reason,
                                               version, created_at, updated_at)
                    VALUES (?, '2380', ?, DATE '2026-03-14', 'AVBROTT', ?, ?, ?, now(), now())""")
                    .params(person, status, status.equals("OPEN") ? null : LocalDate.of(2026, 6, 1),
                            status.equals("OPEN") ? null : "UTFLYTTAD", status.equals("OPEN") ? 0 : 1).update();
            return person;
        };
        java.util.function.BiConsumer<java.util.UUID, String> episode = (person, values) -> jdbc.sql("""
                INSERT INTO membership_episode (person_id, municipality, entered, exited, exit_reason, reason, entry_kind,
                                                rule_set, computed_at)
                VALUES (?, '2380', %s, 'AVBROTT', 'LEFT_SCHOOL', 'V2023', now())""".formatted(values)).param(person).update();
        java.util.UUID started = kase.apply("200701012387", "OPEN");   // her episode ended: she started school
        episode.accept(started, "DATE '2026-03-14', DATE '2026-11-02', 'PABORJAT_UTBILDNING'");
        java.util.UUID never = kase.apply("200701232381", "OPEN");     // no episode left, but a note on the case
        jdbc.sql("INSERT INTO casework_note (case_id, text, written_by, written_at) "
                + "SELECT id, 'Ringde', 'test', now() FROM casework_case WHERE person_id = ?").param(never).update();
        java.util.UUID back = kase.apply("200801012386", "CLOSED");     // she moved back in
        episode.accept(back, "DATE '2026-03-14', DATE '2026-06-01', 'UTFLYTTAD'");
        episode.accept(back, "DATE '2026-11-16', NULL, NULL");
        java.util.UUID still = kase.apply("200802282384", "OPEN");     // still a member
        episode.accept(still, "DATE '2026-03-14', NULL, NULL");

        CaseLifecycle.Result result = lifecycle.synchronise(throughTheAggregate ? List.of(started, never, back, still) : null,
                clock.today());
        assertThat(result).isEqualTo(new CaseLifecycle.Result(0, 1, 2, 0));
        List<Map<String, Object>> left = new java.util.ArrayList<>();
        jdbc.sql("""
                SELECT p.pnr || ' ' || c.status || ' ' || c.entered || ' ' || c.reason || ' closed ' || coalesce(c.closed_on::text, 'null')
                       || ' ' || coalesce(c.exit_reason, 'null') || ' v' || c.version AS line,
                       c.updated_at > c.created_at AS touched, c.assignee
                FROM casework_case c JOIN person p ON p.id = c.person_id ORDER BY p.pnr""")
                .query((rs, n) -> Map.<String, Object>of("what", "case", "line", rs.getString(1),
                        "touched", rs.getBoolean(2), "assignee", String.valueOf(rs.getString(3)))).list().forEach(left::add);
        jdbc.sql("""
                SELECT p.pnr || ' ' || e.kind || ' ' || e.on_date || ' ' || coalesce(e.reason, 'null') || ' ' || e.actor
                FROM casework_case_event e JOIN casework_case c ON c.id = e.case_id JOIN person p ON p.id = c.person_id
                ORDER BY p.pnr, e.id""").query((rs, n) -> Map.<String, Object>of("what", "event", "line", rs.getString(1)))
                .list().forEach(left::add);
        jdbc.sql("""
                SELECT p.pnr || ' ' || a.action || ' ' || a.municipality || ' ' || coalesce(a.context, '')
                FROM audit_entry a JOIN person p ON p.id = ANY (a.person_ids)
                WHERE a.action LIKE 'CASE_%' ORDER BY p.pnr, a.action""")
                .query((rs, n) -> Map.<String, Object>of("what", "audit", "line", rs.getString(1))).list().forEach(left::add);
        return left;
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
