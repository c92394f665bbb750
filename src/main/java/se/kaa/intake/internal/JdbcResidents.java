package se.kaa.intake.internal;

import java.time.LocalDate;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import se.kaa.intake.Residents;
import se.kaa.shared.MunicipalityCode;

@Component
class JdbcResidents implements Residents {

    private final JdbcClient jdbc;

    JdbcResidents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Count> aged16to19(MunicipalityCode municipality, LocalDate onOrBefore) {
        return jdbc.sql("""
                WITH snapshot AS (
                    SELECT id, as_of FROM import_batch
                    WHERE source = 'FOLKBOKFORING' AND municipality = :m AND status = 'COMPLETED' AND as_of <= :day
                    ORDER BY as_of DESC, id DESC LIMIT 1)
                SELECT s.as_of, count(r.id) AS residents
                FROM snapshot s
                -- a snapshot with none aged 16-19 counts 0, not "unknown"
                LEFT JOIN (population_record r JOIN person p ON p.id = r.person_id)
                       ON r.batch_id = s.id AND r.status = 'NORMAL'
                          AND p.birth_date > CAST(s.as_of - interval '20 years' AS date)
                          AND p.birth_date <= CAST(s.as_of - interval '16 years' AS date)
                GROUP BY s.as_of""")
                .param("m", municipality.value()).param("day", onOrBefore)
                .query((rs, n) -> new Count(rs.getObject("as_of", LocalDate.class), rs.getInt("residents")))
                .optional();
    }
}
