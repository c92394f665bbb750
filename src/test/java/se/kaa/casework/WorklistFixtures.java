package se.kaa.casework;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Cases made straight in the database for worklist and assignment tests (Skatteverket test numbers). */
final class WorklistFixtures {

    private final JdbcClient jdbc;
    private Long measureType;

    WorklistFixtures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An open case of a new person; her birth date is that of the number. */
    long kase(String pnr, String given, String municipality, String entered, String reason) {
        LocalDate birth = LocalDate.parse(pnr.substring(0, 4) + "-" + pnr.substring(4, 6) + "-" + pnr.substring(6, 8));
        UUID person = jdbc.sql("INSERT INTO person (pnr, birth_date, given_name, family_name) VALUES (?, ?, ?, 'Testsson') RETURNING id")
                .params(pnr, birth, given).query(UUID.class).single();
        return jdbc.sql("""
                INSERT INTO casework_case (person_id, municipality, status, entered, reason, created_at, updated_at)
                VALUES (?, ?, 'OPEN', ?, ?, now(), now()) RETURNING id""")
                .params(person, municipality, LocalDate.parse(entered), reason).query(Long.class).single();
    }

    UUID person(long caseId) {
        return jdbc.sql("SELECT person_id FROM casework_case WHERE id = ?").param(caseId).query(UUID.class).single();
    }

    void attempt(long caseId, String day, String outcome, String nextDue) {
        Timestamp at = Timestamp.from(LocalDate.parse(day).atTime(10, 0).atZone(ZoneId.of("Europe/Stockholm")).toInstant());
        jdbc.sql("""
                INSERT INTO casework_contact_attempt (case_id, attempted_at, channel, outcome, next_attempt_due, recorded_by, recorded_at)
                VALUES (?, ?, 'PHONE', ?, ?, 'test', now())""")
                .params(caseId, at, outcome, nextDue == null ? null : LocalDate.parse(nextDue)).update();
    }

    void measure(long caseId, String status, String offered, String ends, String followUp) {
        if (measureType == null) {
            measureType = jdbc.sql("""
                    INSERT INTO casework_measure_type (municipality, code, name, reporting_category)
                    VALUES ('2380', 'SYV', 'Studie- och yrkesvägledning', 'VAGLEDNING')
                    ON CONFLICT (municipality, code) DO UPDATE SET name = EXCLUDED.name RETURNING id""")
                    .query(Long.class).single();
        }
        jdbc.sql("""
                INSERT INTO casework_measure (case_id, measure_type_id, responsible, status, offered_on, ends, follow_up,
                                              recorded_by, recorded_at)
                VALUES (?, ?, 'MUNICIPALITY', ?, ?, ?, ?, 'test', now())""")
                .params(caseId, measureType, status, LocalDate.parse(offered), ends == null ? null : LocalDate.parse(ends),
                        followUp == null ? null : LocalDate.parse(followUp)).update();
    }

    void occupation(long caseId, String type, String verifiedOn) {
        jdbc.sql("""
                INSERT INTO casework_occupation (case_id, type, source, verified_on, recorded_by, recorded_at)
                VALUES (?, ?, 'YOUNG_PERSON', ?, 'test', now())""")
                .params(caseId, type, LocalDate.parse(verifiedOn)).update();
    }

    void enrolment(long caseId, String school, String start) {
        jdbc.sql("""
                INSERT INTO enrolment (person_id, school_unit_code, school_type, programme, start_date, source, received_at)
                VALUES (?, ?, 'GY', 'NA', ?, 'TEST', now())""")
                .params(person(caseId), school, LocalDate.parse(start)).update();
    }

    void assign(long caseId, String assignee) {
        jdbc.sql("UPDATE casework_case SET assignee = ? WHERE id = ?").params(assignee, caseId).update();
    }
}
