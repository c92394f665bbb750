package se.kaa.targetgroup.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import se.kaa.shared.MunicipalityCode;
import se.kaa.targetgroup.Coverage;

/** {@link Coverage} in one query over the snapshot, the school facts of the day and the episodes. */
@Component
class JdbcCoverage implements Coverage {

    private final JdbcClient jdbc;

    JdbcCoverage(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Row(Coverage.Entry entry, boolean inPopulation, boolean inSchool, boolean diploma, boolean member) {
    }

    @Override
    public Optional<Result> on(MunicipalityCode municipality, LocalDate day) {
        Optional<LocalDate> asOf = jdbc.sql("""
                SELECT as_of FROM import_batch
                WHERE source = 'FOLKBOKFORING' AND municipality = ? AND status = 'COMPLETED' AND as_of <= ?
                ORDER BY as_of DESC, id DESC LIMIT 1""").params(municipality.value(), day).query(LocalDate.class).optional();
        if (asOf.isEmpty()) {
            return Optional.empty();
        }
        List<Row> rows = jdbc.sql("""
                WITH snap AS (
                    SELECT id, as_of FROM import_batch
                    WHERE source = 'FOLKBOKFORING' AND municipality = :m AND status = 'COMPLETED' AND as_of = :d
                    ORDER BY id DESC LIMIT 1),
                pop AS (
                    SELECT r.person_id, r.registered_since FROM snap
                    JOIN population_record r ON r.batch_id = snap.id JOIN person p ON p.id = r.person_id
                    WHERE r.status = 'NORMAL' AND p.birth_date > CAST(:d - interval '20 years' AS date)
                      AND p.birth_date <= CAST(:d - interval '16 years' AS date)),
                members AS (
                    SELECT DISTINCT e.person_id FROM membership_episode e
                    WHERE e.municipality = :m AND e.entered <= :d AND (e.exited IS NULL OR e.exited > :d)),
                persons AS (SELECT person_id FROM pop UNION SELECT person_id FROM members),
                school AS (
                    SELECT DISTINCT ON (e.person_id) e.person_id, e.school_type, e.school_unit_code, e.programme, e.start_date
                    FROM enrolment e JOIN persons USING (person_id)
                    WHERE e.school_type IN ('GR', 'GRS', 'GY', 'GYS', 'MOTSV') AND e.start_date <= :d
                      AND (e.end_date IS NULL OR e.end_date >= :d)
                      AND (e.batch_id IS NULL OR EXISTS (SELECT 1 FROM import_batch b WHERE b.id = e.batch_id
                                                         AND b.status NOT IN ('DISCARDED', 'WITHDRAWN')))
                    ORDER BY e.person_id, e.start_date DESC),
                diploma AS (
                    SELECT DISTINCT ON (c.person_id) c.person_id, c.type, c.issued_on
                    FROM credential c JOIN persons USING (person_id)
                    WHERE c.type IN ('GYEX_HOG', 'GYEX_YRK', 'GYSBEVIS', 'MOTSV_FULLFOLJD') AND c.issued_on <= :d
                      AND EXISTS (SELECT 1 FROM import_batch b WHERE b.id = c.batch_id AND b.status NOT IN ('DISCARDED', 'WITHDRAWN'))
                    ORDER BY c.person_id, c.issued_on)
                SELECT x.person_id, p.pnr, p.given_name, p.family_name, pop.registered_since, s.school_type,
                       s.school_unit_code, s.programme, s.start_date, dip.type AS credential, dip.issued_on,
                       pop.person_id IS NOT NULL AS in_pop, s.person_id IS NOT NULL AS in_school,
                       dip.person_id IS NOT NULL AS has_diploma, mem.person_id IS NOT NULL AS member
                FROM persons x JOIN person p ON p.id = x.person_id
                LEFT JOIN pop ON pop.person_id = x.person_id
                LEFT JOIN members mem ON mem.person_id = x.person_id
                LEFT JOIN school s ON s.person_id = x.person_id
                LEFT JOIN diploma dip ON dip.person_id = x.person_id
                ORDER BY p.family_name, p.given_name, p.pnr""")
                .param("m", municipality.value()).param("d", asOf.get())
                .query((rs, n) -> new Row(new Coverage.Entry(rs.getObject("person_id", UUID.class), rs.getString("pnr"),
                        rs.getString("given_name"), rs.getString("family_name"), rs.getObject("registered_since", LocalDate.class),
                        rs.getString("school_type"), rs.getString("school_unit_code"), rs.getString("programme"),
                        rs.getObject("start_date", LocalDate.class), rs.getString("credential"),
                        rs.getObject("issued_on", LocalDate.class), rs.getBoolean("in_pop")),
                        rs.getBoolean("in_pop"), rs.getBoolean("in_school"), rs.getBoolean("has_diploma"), rs.getBoolean("member")))
                .list();
        int population = 0;
        int expected = 0;
        int members = 0;
        int matched = 0;
        List<Entry> misses = new ArrayList<>();
        List<Entry> falseMembers = new ArrayList<>();
        for (Row r : rows) {
            boolean isExpected = r.inPopulation() && !r.inSchool() && !r.diploma();
            population += r.inPopulation() ? 1 : 0;
            expected += isExpected ? 1 : 0;
            members += r.member() ? 1 : 0;
            matched += isExpected && r.member() ? 1 : 0;
            if (isExpected && !r.member()) {
                misses.add(r.entry());
            } else if (r.member() && !isExpected) {
                falseMembers.add(r.entry());
            }
        }
        return Optional.of(new Result(asOf.get(), population, expected, members, matched, misses, falseMembers));
    }
}
