package se.kaa.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;

/**
 * The facts kept in {@code casework_case_state} (first attempt and contact, latest outcome and next
 * attempt due, first measure, follow-up and end dates of the running measures, latest occupation)
 * equal, after every kind of write to a case's records, what an independent computation from the
 * records gives – the definitions the worklist computed on every request before they were kept
 * (see {@link #FRESH}). Writes are made with SQL, as any writer could (casework, letters, messages,
 * the demo): the triggers, not the callers, keep the facts.
 */
@KaaIntegrationTest
class KeptCaseStateTest {

    /** The facts of every case, computed from its records with the worklist's former CTEs. */
    static final String FRESH = """
            WITH attempts AS (
                SELECT a.case_id, a.attempted_at, a.id, a.outcome, a.next_attempt_due,
                       CAST((a.attempted_at AT TIME ZONE 'Europe/Stockholm') AS date) AS day
                FROM casework_contact_attempt a JOIN casework_case o ON o.id = a.case_id
                WHERE CAST((a.attempted_at AT TIME ZONE 'Europe/Stockholm') AS date) >= o.entered AND a.struck_at IS NULL
            ),
            att AS (SELECT case_id, min(day) AS first_attempt, min(day) FILTER (WHERE outcome = 'REACHED') AS first_contact
                    FROM attempts GROUP BY case_id),
            last AS (SELECT DISTINCT ON (case_id) case_id, outcome, next_attempt_due FROM attempts
                     WHERE outcome <> 'SENT' ORDER BY case_id, attempted_at DESC, id DESC),
            mea AS (SELECT m.case_id, min(m.offered_on) FILTER (WHERE m.offered_on >= o.entered) AS first_measure,
                           min(m.follow_up) FILTER (WHERE m.status NOT IN ('ENDED', 'DECLINED')) AS follow_up,
                           COALESCE(array_agg(m.ends ORDER BY m.ends) FILTER (
                               WHERE m.status NOT IN ('ENDED', 'DECLINED') AND m.ends IS NOT NULL), '{}') AS ends
                    FROM casework_measure m JOIN casework_case o ON o.id = m.case_id GROUP BY m.case_id),
            occ AS (SELECT DISTINCT ON (x.case_id) x.case_id, x.type, x.verified_on FROM casework_occupation x
                    ORDER BY x.case_id, x.verified_on DESC, x.id DESC)
            SELECT c.id, CAST(ROW(att.first_attempt, att.first_contact, last.outcome, last.next_attempt_due,
                                  mea.first_measure, mea.follow_up, COALESCE(mea.ends, '{}'), occ.type, occ.verified_on) AS text) AS facts
            FROM casework_case c
            LEFT JOIN att ON att.case_id = c.id LEFT JOIN last ON last.case_id = c.id
            LEFT JOIN mea ON mea.case_id = c.id LEFT JOIN occ ON occ.case_id = c.id
            ORDER BY c.id""";

    static final String KEPT = """
            SELECT c.id, CAST(ROW(st.first_attempt, st.first_contact, st.last_outcome, st.next_attempt_due,
                                  st.first_measure, st.follow_up, COALESCE(st.measure_ends, '{}'), st.occupation_type,
                                  st.occupation_verified_on) AS text) AS facts
            FROM casework_case c LEFT JOIN casework_case_state st ON st.case_id = c.id ORDER BY c.id""";

    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;

    WorklistFixtures fx;
    long alva;
    long bo;

    @BeforeEach
    void setUp() {
        database.clean();
        clock.reset();
        fx = new WorklistFixtures(jdbc);
        alva = fx.kase("200801172388", "Alva", "2380", "2026-10-01", "AVBROTT");
        bo = fx.kase("200702022395", "Bo", "2380", "2026-10-15", "AVBROTT");
    }

    @Test
    void everyKindOfWriteKeepsTheFactsEqualToAFreshComputation() {
        agree("two new cases, nothing recorded");

        fx.attempt(alva, "2026-10-03", "NO_ANSWER", "2026-10-10");
        agree("a first attempt");
        assertThat(kept(alva)).startsWith("(2026-10-03,,NO_ANSWER,2026-10-10,");

        fx.attempt(alva, "2026-10-08", "REACHED", null);
        fx.attempt(bo, "2026-10-20", "SENT", null);
        agree("a contact, and a letter sent on another case");
        assertThat(kept(alva)).startsWith("(2026-10-03,2026-10-08,REACHED,,");
        assertThat(kept(bo)).as("a sent letter is an attempt but not an outcome").isEqualTo("(2026-10-20,,,,,,{},,)");

        jdbc.sql("""
                UPDATE casework_contact_attempt SET struck_at = now(), struck_by = 'anna', struck_reason = 'fel ärende'
                WHERE case_id = ? AND outcome = 'REACHED'""").param(alva).update();
        agree("the contact struck out");
        assertThat(kept(alva)).startsWith("(2026-10-03,,NO_ANSWER,2026-10-10,");

        // two attempts on the same day in one statement: the latest by time, then by id, is the outcome
        jdbc.sql("""
                INSERT INTO casework_contact_attempt (case_id, attempted_at, channel, outcome, next_attempt_due, recorded_by, recorded_at)
                VALUES (:c, TIMESTAMPTZ '2026-10-12 09:00+02', 'PHONE', 'NO_ANSWER', DATE '2026-10-14', 't', now()),
                       (:c, TIMESTAMPTZ '2026-10-12 23:30+02', 'SMS', 'REFUSED', NULL, 't', now())""")
                .param("c", alva).update();
        agree("two attempts in one statement, one late in the Swedish evening");
        assertThat(kept(alva)).startsWith("(2026-10-03,,REFUSED,,");

        fx.measure(alva, "OFFERED", "2026-10-20", "2026-12-20", "2026-11-15");
        fx.measure(alva, "ACCEPTED", "2026-10-25", "2026-11-30", "2026-11-10");
        fx.measure(alva, "DECLINED", "2026-09-01", "2026-10-01", "2026-09-15");
        agree("measures offered, accepted and declined");
        assertThat(kept(alva)).endsWith(",2026-10-20,2026-11-10,\"{2026-11-30,2026-12-20}\",,)");

        jdbc.sql("UPDATE casework_measure SET status = 'ENDED', end_reason = 'klar' WHERE case_id = ? AND status = 'ACCEPTED'")
                .param(alva).update();
        agree("a measure ended");
        assertThat(kept(alva)).endsWith(",2026-10-20,2026-11-15,{2026-12-20},,)");

        fx.occupation(alva, "WORK", "2026-10-05");
        fx.occupation(alva, "STUDIES_KOMVUX", "2026-11-01");
        fx.occupation(bo, "SICK", "2026-10-16");
        agree("occupations");
        assertThat(kept(alva)).endsWith(",STUDIES_KOMVUX,2026-11-01)");

        jdbc.sql("DELETE FROM casework_occupation WHERE case_id = ? AND type = 'STUDIES_KOMVUX'").param(alva).update();
        jdbc.sql("DELETE FROM casework_measure WHERE case_id = ? AND status = 'OFFERED'").param(alva).update();
        agree("an occupation and a measure deleted");
        assertThat(kept(alva)).endsWith(",{},WORK,2026-10-05)");

        jdbc.sql("UPDATE casework_contact_attempt SET attempted_at = attempted_at - interval '30 days' WHERE case_id = ?")
                .param(bo).update();
        agree("an attempt moved before the entry day");

        // reopened: counted from the new entry day, what was done before no longer counts
        jdbc.sql("UPDATE casework_case SET status = 'CLOSED', closed_on = DATE '2026-11-02', exit_reason = 'EXAMEN' WHERE id = ?")
                .param(alva).update();
        jdbc.sql("UPDATE casework_case SET status = 'OPEN', closed_on = NULL, exit_reason = NULL, entered = DATE '2026-11-20' WHERE id = ?")
                .param(alva).update();
        agree("closed and reopened with a new entry day");
        assertThat(kept(alva)).as("nothing since 2026-11-20 but the latest occupation").isEqualTo("(,,,,,,{},WORK,2026-10-05)");

        jdbc.sql("UPDATE casework_case SET assignee = 'anna', version = version + 1").update();
        agree("an update that does not change the entry day");

        jdbc.sql("DELETE FROM casework_case WHERE id = ?").param(bo).update();
        agree("a case deleted (retention)");
        assertThat(jdbc.sql("SELECT count(*) FROM casework_case_state WHERE case_id = ?").param(bo).query(Long.class).single())
                .isZero();
    }

    @Test
    void aBulkWriteOverManyCasesKeepsEveryOne() {
        List<Long> cases = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            cases.add(jdbc.sql("""
                    INSERT INTO casework_case (person_id, municipality, status, entered, reason, created_at, updated_at)
                    VALUES (?, ?, 'OPEN', ?, 'AVBROTT', now(), now()) RETURNING id""")
                    .params(fx.person(i % 2 == 0 ? alva : bo), String.valueOf(1000 + i / 2), LocalDate.of(2026, 9, 1).plusDays(i % 40))
                    .query(Long.class).single());
        }
        // one statement of attempts over every case (as a bulk letter run writes them)
        jdbc.sql("""
                INSERT INTO casework_contact_attempt (case_id, attempted_at, channel, outcome, next_attempt_due, recorded_by, recorded_at)
                SELECT c.id, TIMESTAMPTZ '2026-10-01 10:00+02' + (c.id % 50) * interval '1 day', 'LETTER',
                       CASE WHEN c.id % 3 = 0 THEN 'REACHED' WHEN c.id % 3 = 1 THEN 'SENT' ELSE 'NO_ANSWER' END,
                       DATE '2026-11-01' + CAST(c.id % 10 AS integer), 't', now()
                FROM casework_case c""").update();
        jdbc.sql("UPDATE casework_case SET entered = entered + 20 WHERE id % 4 = 0").update();
        agree("one statement over every case, then entry days moved on a quarter of them");
    }

    private void agree(String after) {
        Map<Long, String> fresh = facts(FRESH);
        assertThat(facts(KEPT)).as("the kept facts after: " + after).isEqualTo(fresh);
    }

    private Map<Long, String> facts(String sql) {
        Map<Long, String> facts = new java.util.LinkedHashMap<>();
        jdbc.sql(sql).query((rs, n) -> facts.put(rs.getLong("id"), rs.getString("facts"))).list();
        return facts;
    }

    private String kept(long caseId) {
        return facts(KEPT).get(caseId);
    }
}
