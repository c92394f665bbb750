package se.kaa.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import se.kaa.casework.cases.CaseStates.CaseState;
import se.kaa.casework.cases.CaseStates.ContactState;
import se.kaa.casework.cases.CaseStates;
import se.kaa.casework.worklist.Worklist;
import se.kaa.security.Role;
import se.kaa.shared.MunicipalityCode;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.TestUsers;
import se.kaa.testsupport.WebSession;

/**
 * The derived contact state and the deadline clocks of a case, counted from the entry day of the
 * current membership, against the municipality's targets or the defaults.
 */
@KaaIntegrationTest
class CaseStatesTest {

    static final String FOLKBOKFORING = """
            personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status
            200801172388;Alva;Ek;2380;2008-01-17;;Storgatan 1;83130;Östersund;NEJ;NORMAL
            """; // Skatteverket test number
    static final String INSKRIVNINGAR = """
            personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak
            200801172388;12345678;Östersunds kommun;GY;NA;2024-08-19;2026-11-01;AVBROTT
            """; // she enters the group on 2026-11-02

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired CaseStates states;
    @Autowired Worklist worklist;
    @Autowired TestUsers users;

    long caseId;
    WebSession http;

    @BeforeEach
    void setUp() {
        database.clean();
        clock.reset();
        http = WebSession.api(port);
        assertThat(http.upload("/api/v1/imports/folkbokforing?municipality=2380&asOf=2026-09-01", "f.csv",
                FOLKBOKFORING.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
        assertThat(http.upload("/api/v1/imports/inskrivningar?municipality=2380", "i.csv",
                INSKRIVNINGAR.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
        caseId = jdbc.sql("SELECT id FROM casework_case WHERE status = 'OPEN'").query(Long.class).single();
    }

    @Test
    void notYetTriedAndOverdueAfterTheTargets() {
        CaseState s = states.of(caseId);
        assertThat(s.contact()).isEqualTo(ContactState.NOT_TRIED);
        assertThat(s.firstAttempt().days()).isEqualTo(20); // 2026-11-02 → 2026-11-22
        assertThat(s.firstAttempt().overdue()).isTrue();
        assertThat(s.firstContact().overdue()).isTrue();
        assertThat(s.firstMeasure().overdue()).as("30 days not passed").isFalse();
        assertThat(s.overdue()).isTrue();
    }

    @Test
    void attemptsContactAndMeasuresStopTheClocksAndSetTheState() {
        attempt("2026-10-01", "REACHED"); // an earlier period: does not count
        attempt("2026-11-04", "NO_ANSWER");
        CaseState tried = states.of(caseId);
        assertThat(tried.contact()).isEqualTo(ContactState.TRIED_NOT_REACHED);
        assertThat(tried.firstAttempt().done()).isTrue();
        assertThat(tried.firstAttempt().days()).isEqualTo(2);
        assertThat(tried.firstAttempt().overdue()).isFalse();
        assertThat(tried.firstAttempt().late()).isFalse();
        assertThat(tried.firstContact().overdue()).isTrue();

        attempt("2026-11-20", "REACHED");
        CaseState reached = states.of(caseId);
        assertThat(reached.contact()).isEqualTo(ContactState.REACHED);
        assertThat(reached.firstContact().days()).isEqualTo(18);
        assertThat(reached.firstContact().late()).isTrue();
        assertThat(reached.firstContact().overdue()).isFalse();

        attempt("2026-11-21", "REFUSED");
        assertThat(states.of(caseId).contact()).isEqualTo(ContactState.REFUSED);
        attempt("2026-11-21T12:00", "SENT"); // a letter sent afterwards changes nothing
        assertThat(states.of(caseId).contact()).isEqualTo(ContactState.REFUSED);

        long type = jdbc.sql("""
                INSERT INTO casework_measure_type (municipality, code, name, reporting_category)
                VALUES ('2380', 'SYV', 'Studie- och yrkesvägledning', 'VAGLEDNING') RETURNING id""")
                .query(Long.class).single();
        jdbc.sql("""
                INSERT INTO casework_measure (case_id, measure_type_id, responsible, status, offered_on, recorded_by, recorded_at)
                VALUES (?, ?, 'MUNICIPALITY', 'OFFERED', DATE '2026-11-12', 'test', now())""")
                .params(caseId, type).update();
        assertThat(states.of(caseId).firstMeasure().days()).isEqualTo(10);
        assertThat(states.of(caseId).overdue()).isFalse();
    }

    @Test
    void theMunicipalitysOwnTargetsApply() {
        jdbc.sql("INSERT INTO casework_settings (municipality, first_attempt_days, first_contact_days) VALUES ('2380', 30, 30)")
                .update();
        CaseState s = states.of(caseId);
        assertThat(s.firstAttempt().targetDays()).isEqualTo(30);
        assertThat(s.overdue()).isFalse();
    }

    @Test
    void aClosedCasesClocksStopOnItsClosingDayInCaseStatesTheWorklistTheApiAndThePage() {
        users.ensure();
        // on the closing day, still open: CaseStates and the worklist agree
        CaseState onClosingDay = states.of(caseId);
        Worklist.Row row = worklistRow();
        assertThat(row.firstAttempt()).isEqualTo(onClosingDay.firstAttempt());
        assertThat(row.firstContact()).isEqualTo(onClosingDay.firstContact());
        assertThat(row.firstMeasure()).isEqualTo(onClosingDay.firstMeasure());
        assertThat(onClosingDay.firstAttempt().days()).isEqualTo(20);
        assertThat(onClosingDay.firstMeasure().overdue()).isFalse();

        jdbc.sql("UPDATE casework_case SET status = 'CLOSED', closed_on = DATE '2026-11-22', exit_reason = 'UTFLYTTAD' WHERE id = ?")
                .param(caseId).update();
        assertThat(states.of(caseId)).isEqualTo(onClosingDay);

        clock.setDate(LocalDate.of(2026, 12, 22)); // 30 days after it closed
        CaseState later = states.of(caseId);
        assertThat(later.asOf()).isEqualTo(LocalDate.of(2026, 11, 22));
        assertThat(later.firstAttempt()).isEqualTo(onClosingDay.firstAttempt());
        assertThat(later.firstContact()).isEqualTo(onClosingDay.firstContact());
        assertThat(later.firstMeasure()).as("30 days had not passed when it closed").isEqualTo(onClosingDay.firstMeasure());
        attempt("2026-12-01", "REACHED"); // after it closed: a closed clock is not stopped by it
        assertThat(states.of(caseId).firstAttempt()).isEqualTo(onClosingDay.firstAttempt());

        HttpResponse<String> api = http.send(HttpRequest.newBuilder(http.uri("/api/v1/cases/" + caseId))
                .header("Authorization", TestUsers.basic(Role.HANDLAGGARE)).GET().build());
        assertThat(api.statusCode()).isEqualTo(200);
        JsonNode clocks = WebSession.json(api).get("state").get("clocks");
        assertThat(clocks.get("firstAttempt").get("days").asLong()).isEqualTo(20);
        assertThat(clocks.get("firstMeasure").get("days").asLong()).isEqualTo(20);
        assertThat(clocks.get("firstMeasure").get("overdue").asBoolean()).isFalse();
        WebSession web = new WebSession(port);
        web.login(TestUsers.username(Role.HANDLAGGARE), TestUsers.PASSWORD);
        assertThat(web.get("/arenden/" + caseId).body())
                .contains("Försenad: 20 dagar sedan inträdet", "tidsfristerna räknas fram till den dagen");
    }

    @Test
    void aStruckOutAttemptCountsNeitherInCaseStatesNorInTheWorklist() {
        attempt("2026-11-04", "REACHED");
        long id = jdbc.sql("SELECT id FROM casework_contact_attempt WHERE case_id = ?").param(caseId).query(Long.class).single();
        assertThat(states.of(caseId).contact()).isEqualTo(ContactState.REACHED);
        assertThat(worklistRow().categories()).doesNotContain(Worklist.Category.NOT_CONTACTED);
        jdbc.sql("UPDATE casework_contact_attempt SET struck_at = now(), struck_by = 'test', struck_reason = 'fel' WHERE id = ?")
                .param(id).update();
        CaseState s = states.of(caseId);
        Worklist.Row row = worklistRow();
        assertThat(s.contact()).isEqualTo(ContactState.NOT_TRIED);
        assertThat(s.firstAttempt().done()).isFalse();
        assertThat(row.contact()).isEqualTo(ContactState.NOT_TRIED);
        assertThat(row.categories()).contains(Worklist.Category.NOT_CONTACTED);
        assertThat(row.firstAttempt()).isEqualTo(s.firstAttempt());
        assertThat(row.firstContact()).isEqualTo(s.firstContact());
    }

    private Worklist.Row worklistRow() {
        return worklist.list(MunicipalityCode.of("2380"), Worklist.Filter.everything().withCaseIds(List.of(caseId)), 0, 10)
                .rows().get(0);
    }

    private void attempt(String when, String outcome) {
        LocalDate day = LocalDate.parse(when.substring(0, 10));
        Timestamp at = when.length() > 10
                ? Timestamp.from(java.time.LocalDateTime.parse(when).atZone(ZoneId.of("Europe/Stockholm")).toInstant())
                : Timestamp.from(day.atTime(9, 0).atZone(ZoneId.of("Europe/Stockholm")).toInstant());
        jdbc.sql("""
                INSERT INTO casework_contact_attempt (case_id, attempted_at, channel, outcome, recorded_by, recorded_at)
                VALUES (?, ?, 'PHONE', ?, 'test', now())""").params(caseId, at, outcome).update();
    }
}
