package se.kaa.casework.demo;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.casework.DemoCasework;
import se.kaa.casework.assignment.AssignmentCandidates;
import se.kaa.casework.lifecycle.CaseLifecycle;
import se.kaa.casework.settings.MeasureCatalogue;
import se.kaa.shared.MunicipalityCode;

/**
 * The demo's casework history, set-based and deterministic (by case id, so every demo looks alike):
 * <ul>
 * <li>of the cases opened more than 3 days ago, 9 in 10 are assigned, in turn, to the demo's case
 * workers – the tenth is the unassigned backlog, not yet tried;</li>
 * <li>9 of 10 have a first contact attempt 1–6 days after opening (one in ten of those 9–12 days,
 * late); 3 of 4 of them were reached, on the first attempt or four days later; the others were tried
 * again lately and have a next attempt planned – some due;</li>
 * <li>of those reached, most have an occupation verified in the last months (some stale now) and 8
 * of 10 a measure from the catalogue, offered 8 days after the contact, with a follow-up date;</li>
 * <li>cases opened in the last 3 days stay untouched: the new ones a unit always has;</li>
 * <li>closed cases are worked the same way until the day before they closed; and who left the group
 * before the demo was loaded (turned 20, earned her examen) gets the case the lifecycle would have
 * opened then, worked until her last day in the group and closed by the lifecycle with the episode's
 * day and reason – so that the closed cases show every exit reason.</li>
 * </ul>
 * Recorded by the case worker it is assigned to, and audited like the same records made by hand.
 */
@Component
class DemoCaseworkHistory implements DemoCasework {

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final MeasureCatalogue catalogue;
    private final Clock clock;
    private final AssignmentCandidates candidates;

    private final CaseLifecycle lifecycle;

    DemoCaseworkHistory(JdbcClient jdbc, AuditLog audit, MeasureCatalogue catalogue, Clock clock,
                        AssignmentCandidates candidates, CaseLifecycle lifecycle) {
        this.candidates = candidates;
        this.lifecycle = lifecycle;
        this.jdbc = jdbc;
        this.audit = audit;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    @Override
    @Transactional
    public int workTheCases(MunicipalityCode municipality, LocalDate today) {
        List<String> caseWorkers = candidates.caseWorkers(municipality).stream()
                .map(AssignmentCandidates.Candidate::username).sorted().toList();
        if (caseWorkers.isEmpty()) {
            return 0;
        }
        catalogue.seedIfEmpty(municipality);
        Timestamp now = Timestamp.from(clock.instant());
        String m = municipality.value();
        String[] workers = caseWorkers.toArray(String[]::new);
        // The cases the unit closed before: who left the group before today (turned 20, earned her
        // examen, …) after at least a month in it, and never had a case here because the demo was
        // loaded after she left. The lifecycle opens her case as on her last day in the group; it is
        // worked until that day below and closed by the lifecycle today, with the episode's exit day
        // and reason – as it would have been had KAA run then.
        jdbc.sql("""
                CREATE TEMPORARY TABLE demo_closing ON COMMIT DROP AS
                SELECT DISTINCT ON (e.person_id) e.person_id, e.exited - 1 AS last_day
                FROM membership_episode e
                WHERE e.municipality = :m AND e.exited <= CAST(:today AS date) AND e.exited - e.entered > 30
                  AND NOT EXISTS (SELECT 1 FROM casework_case c WHERE c.person_id = e.person_id AND c.municipality = e.municipality)
                ORDER BY e.person_id, e.exited DESC""")
                .param("m", m).param("today", today).update();
        Map<LocalDate, List<UUID>> closing = new TreeMap<>();
        jdbc.sql("SELECT person_id, last_day FROM demo_closing").query((rs, n) -> closing
                .computeIfAbsent(rs.getObject("last_day", LocalDate.class), d -> new ArrayList<>())
                .add(rs.getObject("person_id", UUID.class))).list();
        closing.forEach((lastDay, persons) -> lifecycle.synchronise(persons, lastDay));
        // the cases to work, each until a day: the open ones until today, those to be closed until
        // their last day in the group, those the imports closed already until the day before their
        // closing; opened more than 3 days before it, nothing recorded yet
        jdbc.sql("""
                CREATE TEMPORARY TABLE demo_worked ON COMMIT DROP AS
                SELECT id, person_id, entered, k, worker, until FROM (
                    SELECT c.id, c.person_id, c.entered, CAST(c.id % 100 AS integer) AS k,
                           (CAST(:workers AS text[]))[1 + (c.id % cardinality(CAST(:workers AS text[])))] AS worker,
                           COALESCE(d.last_day, c.closed_on - 1, CAST(:today AS date)) AS until
                    FROM casework_case c LEFT JOIN demo_closing d ON d.person_id = c.person_id
                    WHERE c.municipality = :m
                      AND NOT EXISTS (SELECT 1 FROM casework_contact_attempt a WHERE a.case_id = c.id)) w
                WHERE entered < until - 3""")
                .param("m", m).param("today", today).param("workers", workers).update();
        // one in ten is the unassigned backlog a unit always has (and no attempt was made on it)
        jdbc.sql("UPDATE casework_case c SET assignee = w.worker, updated_at = :now FROM demo_worked w WHERE c.id = w.id AND w.k < 90")
                .param("now", now).update();
        int worked = jdbc.sql("SELECT count(*) FROM demo_worked").query(Integer.class).single();
        // first attempts: 9 in 10, 1–6 days after opening (k 0–9 late: 9–12 days); k < 55 reached at once
        jdbc.sql("""
                INSERT INTO casework_contact_attempt (case_id, attempted_at, channel, outcome, note, next_attempt_due,
                                                      recorded_by, recorded_at)
                SELECT id, (entered + CASE WHEN k < 10 THEN 9 + k % 4 ELSE 1 + k % 6 END) + time '10:15',
                       (ARRAY['PHONE', 'SMS', 'LETTER', 'PHONE'])[1 + k % 4],
                       CASE WHEN k < 55 THEN 'REACHED' ELSE 'NO_ANSWER' END, NULL,
                       CASE WHEN k >= 55 THEN entered + CASE WHEN k < 10 THEN 9 + k % 4 ELSE 1 + k % 6 END + 4 END,
                       worker, :now
                FROM demo_worked WHERE k < 90 AND entered + 12 <= until""")
                .param("now", now).update();
        // a second attempt four days later for k 55–74: reached (the others' planned attempt stays, some due)
        jdbc.sql("""
                INSERT INTO casework_contact_attempt (case_id, attempted_at, channel, outcome, recorded_by, recorded_at)
                SELECT id, (entered + CASE WHEN k < 10 THEN 9 + k % 4 ELSE 1 + k % 6 END + 4) + time '14:30', 'PHONE',
                       'REACHED', worker, :now
                FROM demo_worked WHERE k BETWEEN 55 AND 74 AND entered + 16 <= until""")
                .param("now", now).update();
        // not reached after a month: tried again lately, the next attempt planned two weeks on (some due)
        jdbc.sql("""
                INSERT INTO casework_contact_attempt (case_id, attempted_at, channel, outcome, next_attempt_due,
                                                      recorded_by, recorded_at)
                SELECT id, (until - 1 - k % 20) + time '09:40', (ARRAY['PHONE', 'SMS', 'HOME_VISIT'])[1 + k % 3],
                       'NO_ANSWER', until + 13 - k % 20, worker, :now
                FROM demo_worked WHERE k BETWEEN 75 AND 89 AND entered + 30 <= until""")
                .param("now", now).update();
        // follow-ups of those reached, two in three of them: a contact every three to four months while
        // she is in the group, so that every half-year has its contacts (the SCB return and the board
        // report count them per half-year), not only each case's first weeks
        jdbc.sql("""
                INSERT INTO casework_contact_attempt (case_id, attempted_at, channel, outcome, recorded_by, recorded_at)
                SELECT w.id, (CAST(r.reached AS date) + g * (95 + w.k % 30)) + time '13:10',
                       (ARRAY['PHONE', 'MEETING', 'SMS'])[1 + (w.k + g) % 3], 'REACHED', w.worker, :now
                FROM demo_worked w
                JOIN (SELECT case_id, min(attempted_at) AS reached FROM casework_contact_attempt
                      WHERE outcome = 'REACHED' GROUP BY case_id) r ON r.case_id = w.id
                CROSS JOIN generate_series(1, 12) g
                WHERE w.k % 3 <> 0 AND CAST(r.reached AS date) + g * (95 + w.k % 30) < w.until""")
                .param("now", now).update();
        // occupations of those reached: verified 5–180 days ago (or at the contact, if later)
        jdbc.sql("""
                INSERT INTO casework_occupation (case_id, type, source, verified_on, recorded_by, recorded_at)
                SELECT w.id, (ARRAY['WORK', 'STUDIES_KOMVUX', 'NO_OCCUPATION', 'STUDIES_FOLKHOGSKOLA', 'SICK',
                                    'LABOUR_MARKET_PROGRAMME'])[1 + w.k % 6], 'YOUNG_PERSON',
                       GREATEST(w.until - (5 + (w.k * 7) % 176), CAST(r.reached AS date)), w.worker, :now
                FROM demo_worked w
                JOIN (SELECT case_id, min(attempted_at) AS reached FROM casework_contact_attempt
                      WHERE outcome = 'REACHED' GROUP BY case_id) r ON r.case_id = w.id
                WHERE w.k % 10 < 8""")
                .param("now", now).update();
        // measures for 8 in 10 of those reached, 8 days after the contact: one in five still only
        // offered, some declined, some ended after three months (when she was in the group that long)
        jdbc.sql("""
                INSERT INTO casework_measure (case_id, measure_type_id, responsible, status, offered_on, decided_on, starts,
                                              ends, end_reason, follow_up, recorded_by, recorded_at)
                SELECT x.id, x.type, 'MUNICIPALITY', x.status, x.offered,
                       CASE WHEN x.status <> 'OFFERED' THEN LEAST(x.offered + 2, x.until) END,
                       CASE WHEN x.status IN ('ACCEPTED', 'ENDED') THEN LEAST(x.offered + 6, x.until) END,
                       CASE WHEN x.status = 'ENDED' THEN x.offered + 96 END,
                       CASE x.status WHEN 'ENDED' THEN 'Planen genomförd' WHEN 'DECLINED' THEN 'Ville inte delta' END,
                       CASE WHEN x.status IN ('OFFERED', 'ACCEPTED') THEN x.until + (x.k % 30) - 5 END,
                       x.worker, :now
                FROM (SELECT w.id, w.k, w.worker, w.until, t.id AS type, LEAST(CAST(r.reached AS date) + 8, w.until) AS offered,
                             CASE WHEN w.k % 5 = 0 THEN 'OFFERED'
                                  WHEN w.k % 7 = 3 THEN 'DECLINED'
                                  WHEN w.k % 5 = 1 AND CAST(r.reached AS date) + 8 + 96 < w.until THEN 'ENDED'
                                  ELSE 'ACCEPTED' END AS status
                      FROM demo_worked w
                      JOIN (SELECT case_id, min(attempted_at) AS reached FROM casework_contact_attempt
                            WHERE outcome = 'REACHED' GROUP BY case_id) r ON r.case_id = w.id
                      JOIN LATERAL (SELECT id FROM casework_measure_type
                                    WHERE municipality = :m AND active ORDER BY id OFFSET (w.k % 4) LIMIT 1) t ON true
                      WHERE w.k % 10 < 8) x""")
                .param("m", m).param("now", now).update();
        // what most did after an ended measure, asked ten days after it (the return's "occupation after")
        jdbc.sql("""
                INSERT INTO casework_occupation (case_id, type, source, verified_on, recorded_by, recorded_at)
                SELECT x.case_id, (ARRAY['STUDIES_KOMVUX', 'WORK', 'STUDIES_FOLKHOGSKOLA', 'NO_OCCUPATION'])[1 + w.k % 4],
                       'YOUNG_PERSON', x.ends + 10, w.worker, :now
                FROM casework_measure x JOIN demo_worked w ON w.id = x.case_id
                WHERE x.status = 'ENDED' AND x.ends + 10 <= w.until AND w.k % 4 <> 3""")
                .param("now", now).update();
        // those who left: closed now, on the day and with the reason their membership ended
        List<UUID> leavers = closing.values().stream().flatMap(List::stream).toList();
        if (!leavers.isEmpty()) {
            lifecycle.synchronise(leavers, today);
        }
        // The demo's cases were opened and closed by its import a moment ago, on days long past; a unit
        // that had run KAA then would have seen each open on her entry day and close on her exit day,
        // before the history above: so the timeline reads, not "opened today" above two years of work.
        jdbc.sql("""
                UPDATE casework_case_event e SET occurred_at = (e.on_date + time '06:00') AT TIME ZONE 'Europe/Stockholm'
                FROM casework_case c
                WHERE c.id = e.case_id AND c.municipality = :m AND e.kind IN ('OPENED', 'REOPENED', 'CLOSED')
                  AND e.on_date < CAST(:today AS date)""")
                .param("m", m).param("today", today).update();
        auditWhoGot("CASE_ASSIGNED", "SELECT person_id FROM demo_worked WHERE k < 90", municipality,
                "demo data: case assigned");
        auditWhoGot("CASE_CONTACT_RECORDED", """
                SELECT DISTINCT w.person_id FROM demo_worked w JOIN casework_contact_attempt a ON a.case_id = w.id""",
                municipality, "demo data: contact attempts");
        auditWhoGot("CASE_OCCUPATION_RECORDED", """
                SELECT DISTINCT w.person_id FROM demo_worked w JOIN casework_occupation o ON o.case_id = w.id""",
                municipality, "demo data: occupation");
        auditWhoGot("CASE_MEASURE_RECORDED", """
                SELECT DISTINCT w.person_id FROM demo_worked w JOIN casework_measure x ON x.case_id = w.id""",
                municipality, "demo data: measure");
        return worked;
    }

    private void auditWhoGot(String action, String personsSql, MunicipalityCode municipality, String context) {
        List<UUID> persons = jdbc.sql(personsSql).query(UUID.class).list();
        if (!persons.isEmpty()) {
            audit.record(AuditEvent.write(action, municipality, persons, context));
        }
    }
}
