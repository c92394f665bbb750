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

import se.kaa.retention.RetentionClass;
import se.kaa.retention.RetentionParticipant;
import se.kaa.retention.RetentionPolicy;
import se.kaa.retention.internal.RetentionService;
import se.kaa.shared.MunicipalityCode;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.WebSession;

/**
 * Casework's retention classes are removed on the day the person's anchor plus the municipality's
 * months comes – not the day before – and casework shows them as applied to the retention module.
 */
@KaaIntegrationTest
class CaseRetentionTest {

    static final String FOLKBOKFORING = """
            personnummer;fornamn;efternamn;kommunkod;folkbokford_sedan;invandringsdatum;adress;postnummer;postort;skyddad;status
            200801172388;Alva;Ek;2380;2008-01-17;;Storgatan 1;83130;Östersund;NEJ;NORMAL
            """; // Skatteverket test number
    static final String INSKRIVNINGAR = """
            personnummer;skolenhetskod;huvudman;skolform;programkod;startdatum;slutdatum;slutorsak
            200801172388;12345678;Östersunds kommun;GY;NA;2024-08-19;2026-11-01;AVBROTT
            """;
    static final MunicipalityCode M2380 = MunicipalityCode.of("2380");

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired List<RetentionParticipant> participants;
    @Autowired RetentionService retention;

    long caseId;

    @BeforeEach
    void setUp() {
        database.clean();
        clock.reset();
        WebSession http = WebSession.api(port);
        http.upload("/api/v1/imports/folkbokforing?municipality=2380&asOf=2026-09-01", "f.csv",
                FOLKBOKFORING.getBytes(StandardCharsets.UTF_8));
        http.upload("/api/v1/imports/inskrivningar?municipality=2380", "i.csv", INSKRIVNINGAR.getBytes(StandardCharsets.UTF_8));
        caseId = jdbc.sql("SELECT id FROM casework_case").query(Long.class).single();
        long type = jdbc.sql("""
                INSERT INTO casework_measure_type (municipality, code, name, reporting_category)
                VALUES ('2380', 'SYV', 'Studie- och yrkesvägledning', 'VAGLEDNING') RETURNING id""").query(Long.class).single();
        jdbc.sql("INSERT INTO casework_contact_attempt (case_id, attempted_at, channel, outcome, recorded_by, recorded_at) VALUES (?, now(), 'PHONE', 'REACHED', 't', now())")
                .param(caseId).update();
        jdbc.sql("INSERT INTO casework_note (case_id, text, written_by, written_at) VALUES (?, 'x', 't', now())").param(caseId).update();
        jdbc.sql("INSERT INTO casework_occupation (case_id, type, source, verified_on, recorded_by, recorded_at) VALUES (?, 'WORK', 'SCHOOL', DATE '2026-11-10', 't', now())")
                .param(caseId).update();
        jdbc.sql("INSERT INTO casework_measure (case_id, measure_type_id, responsible, status, offered_on, recorded_by, recorded_at) VALUES (?, ?, 'MUNICIPALITY', 'OFFERED', DATE '2026-11-12', 't', now())")
                .params(caseId, type).update();
        jdbc.sql("INSERT INTO casework_plan (case_id, goal, revision, updated_by, updated_at) VALUES (?, 'm', 1, 't', now())").param(caseId).update();
        jdbc.sql("INSERT INTO casework_plan_revision (case_id, revision, plan, created_by, created_at) VALUES (?, 1, '{}'::jsonb, 't', now())")
                .param(caseId).update();
    }

    @Test
    void everyCaseworkClassIsApplied() {
        assertThat(participants).extracting(RetentionParticipant::dataClass).contains(RetentionClass.CONTACT_LOG,
                RetentionClass.NOTES, RetentionClass.OCCUPATIONS, RetentionClass.MEASURES_AND_PLANS);
        assertThat(retention.applied(RetentionClass.NOTES)).isTrue();
    }

    @Test
    void nothingIsDueWhileHerEpisodeIsOpen() {
        for (RetentionParticipant p : casework()) {
            assertThat(p.countDue(LocalDate.of(2040, 1, 1), m -> RetentionPolicy.defaultFor(m, p.dataClass()))).isEmpty();
        }
    }

    @Test
    void recordsGoOnTheirDayAndNotTheDayBefore() {
        // she turns 20 on 2028-01-17 and her episode ends then: the anchor; 12 months later they go
        jdbc.sql("UPDATE membership_episode SET exited = DATE '2028-01-17', exit_reason = 'FYLLT_20'").update();
        LocalDate dayBefore = LocalDate.of(2029, 1, 16);
        LocalDate due = LocalDate.of(2029, 1, 17);
        for (RetentionParticipant p : casework()) {
            java.util.function.Function<MunicipalityCode, RetentionPolicy> policies =
                    m -> RetentionPolicy.defaultFor(m, p.dataClass());
            assertThat(p.countDue(dayBefore, policies)).as(p.dataClass().name()).isEmpty();
            assertThat(p.removeDue(dayBefore, policies)).isEmpty();
            assertThat(p.countDue(due, policies)).as(p.dataClass().name()).containsKey(M2380);
        }
        assertThat(count("casework_note")).isEqualTo(1);

        // the runs of those days, under the TestClock (on the due day her identity goes too, and with it
        // the case: what the participants would remove is gone either way)
        clock.setDate(dayBefore);
        retention.run("MANUAL", "test");
        assertThat(count("casework_note")).isEqualTo(1);
        assertThat(count("casework_plan_revision")).isEqualTo(1);
        clock.setDate(due);
        retention.run("MANUAL", "test");
        for (String table : List.of("casework_contact_attempt", "casework_note", "casework_occupation", "casework_measure",
                "casework_plan", "casework_plan_revision")) {
            assertThat(count(table)).as(table).isZero();
        }
    }

    @Test
    void theMunicipalitysOwnMonthsApply() {
        jdbc.sql("UPDATE membership_episode SET exited = DATE '2028-01-17', exit_reason = 'FYLLT_20'").update();
        RetentionParticipant notes = casework().stream().filter(p -> p.dataClass() == RetentionClass.NOTES).findFirst()
                .orElseThrow();
        java.util.function.Function<MunicipalityCode, RetentionPolicy> threeMonths = m -> new RetentionPolicy(m,
                RetentionClass.NOTES, 3, se.kaa.retention.RetentionAction.DELETE, false);
        assertThat(notes.removeDue(LocalDate.of(2028, 4, 16), threeMonths)).isEmpty();
        assertThat(notes.removeDue(LocalDate.of(2028, 4, 17), threeMonths)).isEqualTo(Map.of(M2380, 1));
        assertThat(count("casework_note")).isZero();
        assertThat(count("casework_contact_attempt")).isEqualTo(1);
    }

    private List<RetentionParticipant> casework() {
        return participants.stream().filter(p -> p.getClass().getName().startsWith("se.kaa.casework")).toList();
    }

    private int count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Integer.class).single();
    }
}
