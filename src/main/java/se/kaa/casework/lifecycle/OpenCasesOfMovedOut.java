package se.kaa.casework.lifecycle;

import java.util.Collection;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import se.kaa.intake.SnapshotImpact;
import se.kaa.shared.MunicipalityCode;

/** Tells intake how many open cases a held folkbokföring snapshot would close. */
@Component
class OpenCasesOfMovedOut implements SnapshotImpact {

    private final JdbcTemplate jdbc;

    OpenCasesOfMovedOut(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long openCasesAmong(MunicipalityCode municipality, Collection<UUID> personIds) {
        if (personIds.isEmpty()) {
            return 0;
        }
        UUID[] ids = personIds.toArray(UUID[]::new);
        Long n = jdbc.query(con -> {
            var ps = con.prepareStatement("""
                    SELECT count(*) FROM casework_case
                    WHERE municipality = ? AND status = 'OPEN' AND person_id = ANY (?)""");
            ps.setString(1, municipality.value());
            ps.setArray(2, con.createArrayOf("uuid", ids));
            return ps;
        }, rs -> rs.next() ? rs.getLong(1) : 0L);
        return n == null ? 0 : n;
    }
}
