package se.kaa.testsupport;

import java.time.LocalDate;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A year of casework for benchmarks, generated straight in the database for every case there is: a
 * closed case for each ended episode that has none (the case the unit worked then, closed on the day
 * the membership ended), four measure types per municipality, and for the cases' working days a first
 * attempt within days and a contact every three to four months (most reached), an occupation every
 * four months for most, and a measure for most (some only offered, some declined, some ended); nine in
 * ten cases assigned to one of eight case workers. Deterministic: the same cases get the same casework.
 */
public final class GeneratedCasework {

    private GeneratedCasework() {
    }

    public static void generate(JdbcClient jdbc, LocalDate today) {
        jdbc.sql("""
                INSERT INTO casework_case (person_id, municipality, status, entered, reason, closed_on, exit_reason, created_at, updated_at)
                SELECT DISTINCT ON (e.person_id, e.municipality)
                       e.person_id, e.municipality, 'CLOSED', e.entered, e.reason, e.exited, e.exit_reason, now(), now()
                FROM membership_episode e
                WHERE e.exited IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM casework_case c WHERE c.person_id = e.person_id AND c.municipality = e.municipality)
                ORDER BY e.person_id, e.municipality, e.entered DESC""")
                .update();
        jdbc.sql("""
                INSERT INTO casework_measure_type (municipality, code, name, reporting_category)
                SELECT m.municipality, t.code, t.name, t.category
                FROM (SELECT DISTINCT municipality FROM casework_case) m
                CROSS JOIN (VALUES ('SYV', 'Studie- och yrkesvägledning', 'VAGLEDNING'), ('PRAKTIK', 'Praktik', 'PRAKTIK'),
                                   ('MI', 'Motiverande samtal', 'MOTIVATION'), ('OVR', 'Annat', 'OVRIGT')) t(code, name, category)
                ON CONFLICT DO NOTHING""").update();
        jdbc.sql("""
                CREATE TEMPORARY TABLE generated_worked AS
                SELECT c.id, c.municipality, c.entered, CAST(c.id % 100 AS integer) AS k,
                       COALESCE(c.closed_on - 1, CAST(:today AS date)) AS until
                FROM casework_case c""").param("today", today).update();
        jdbc.sql("""
                INSERT INTO casework_contact_attempt (case_id, attempted_at, channel, outcome, recorded_by, recorded_at)
                SELECT w.id, (w.entered + 2 + g * (95 + w.k % 30)) + time '10:00', 'PHONE',
                       CASE WHEN w.k < 60 OR g > 0 THEN 'REACHED' ELSE 'NO_ANSWER' END, 'worker', now()
                FROM generated_worked w CROSS JOIN generate_series(0, 6) g
                WHERE w.k < 90 AND w.entered + 2 + g * (95 + w.k % 30) < w.until""").update();
        jdbc.sql("""
                INSERT INTO casework_occupation (case_id, type, source, verified_on, recorded_by, recorded_at)
                SELECT w.id, (ARRAY['WORK', 'STUDIES_KOMVUX', 'NO_OCCUPATION', 'STUDIES_FOLKHOGSKOLA', 'SICK'])[1 + w.k % 5],
                       'YOUNG_PERSON', w.entered + 3 + g * 120, 'worker', now()
                FROM generated_worked w CROSS JOIN generate_series(0, 3) g
                WHERE w.k < 70 AND w.entered + 3 + g * 120 < w.until""").update();
        jdbc.sql("""
                INSERT INTO casework_measure (case_id, measure_type_id, responsible, status, offered_on, decided_on, starts, ends,
                                              end_reason, follow_up, recorded_by, recorded_at)
                SELECT w.id, t.id, 'MUNICIPALITY', s.status, w.entered + 10,
                       CASE WHEN s.status <> 'OFFERED' THEN w.entered + 12 END,
                       CASE WHEN s.status IN ('ACCEPTED', 'ENDED') THEN w.entered + 16 END,
                       CASE WHEN s.status = 'ENDED' THEN w.entered + 106 END,
                       CASE WHEN s.status IN ('ENDED', 'DECLINED') THEN 'klar' END,
                       CASE WHEN s.status IN ('OFFERED', 'ACCEPTED') THEN w.until + 10 END, 'worker', now()
                FROM generated_worked w
                JOIN LATERAL (SELECT id FROM casework_measure_type WHERE municipality = w.municipality
                              ORDER BY id OFFSET (w.k % 4) LIMIT 1) t ON true
                CROSS JOIN LATERAL (SELECT CASE WHEN w.k % 5 = 0 THEN 'OFFERED' WHEN w.k % 7 = 3 THEN 'DECLINED'
                                                WHEN w.k % 5 = 1 AND w.entered + 106 < w.until THEN 'ENDED' ELSE 'ACCEPTED' END AS status) s
                WHERE w.k < 80 AND w.entered + 16 < w.until""").update();
        jdbc.sql("UPDATE casework_case SET assignee = 'worker-' || (id % 8) WHERE id % 10 <> 0 AND assignee IS NULL").update();
        jdbc.sql("DROP TABLE generated_worked").update();
    }
}
