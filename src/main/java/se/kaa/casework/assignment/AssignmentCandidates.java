package se.kaa.casework.assignment;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import se.kaa.shared.MunicipalityCode;

/**
 * Who a case of a municipality may be assigned to: enabled local accounts with the role handläggare
 * or enhetschef that are granted the municipality.
 * Read from the security module's tables (a read model may read across modules).
 */
@Component
public class AssignmentCandidates {

    public record Candidate(String username, String displayName) {
    }

    private final JdbcClient jdbc;

    AssignmentCandidates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Her display name among these candidates; the user name of someone no longer one of them. */
    public static String nameOf(List<Candidate> candidates, String username) {
        return username == null ? null : candidates.stream().filter(c -> c.username().equals(username))
                .map(Candidate::displayName).findFirst().orElse(username);
    }

    public List<Candidate> of(MunicipalityCode municipality) {
        return jdbc.sql("""
                SELECT u.username, u.display_name FROM app_user u
                WHERE u.enabled
                  AND EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role IN ('HANDLAGGARE', 'ENHETSCHEF'))
                  AND EXISTS (SELECT 1 FROM user_municipality m WHERE m.user_id = u.id AND m.municipality = ?)
                ORDER BY u.display_name, u.username""")
                .param(municipality.value())
                .query((rs, n) -> new Candidate(rs.getString(1), rs.getString(2))).list();
    }

    /**
     * The handläggare of a municipality (not the enhetschef): who carries cases when a backlog is
     * handed out or the demo is given a history.
     */
    public List<Candidate> caseWorkers(MunicipalityCode municipality) {
        return jdbc.sql("""
                SELECT u.username, u.display_name FROM app_user u
                WHERE u.enabled
                  AND EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = 'HANDLAGGARE')
                  AND EXISTS (SELECT 1 FROM user_municipality m WHERE m.user_id = u.id AND m.municipality = ?)
                ORDER BY u.display_name, u.username""")
                .param(municipality.value())
                .query((rs, n) -> new Candidate(rs.getString(1), rs.getString(2))).list();
    }

    public boolean assignable(MunicipalityCode municipality, String username) {
        return username != null && of(municipality).stream().anyMatch(c -> c.username().equals(username));
    }
}
