package se.kaa.casework.cases;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import se.kaa.platform.ProblemException;
import se.kaa.security.AccessScope;
import se.kaa.security.CurrentAccess;
import se.kaa.shared.MunicipalityCode;

/**
 * The one way to reach a case: by id, and only in a municipality the current user is granted. A
 * case of another municipality is {@code 404}, exactly like an unknown id, so that its existence
 * does not leak. Every casework controller and service loads its case through here.
 */
@Component
public class CaseAccess {

    /** What every casework action needs to know about the case it acts on. */
    public record CaseRef(long id, UUID personId, MunicipalityCode municipality, String status, LocalDate entered,
                          String reason, LocalDate closedOn, String exitReason, String assignee, long version,
                          boolean protectedIdentity) {

        public boolean open() {
            return "OPEN".equals(status);
        }
    }

    private final JdbcClient jdbc;
    private final CurrentAccess access;
    private final CaseRepository repository;

    CaseAccess(JdbcClient jdbc, CurrentAccess access, CaseRepository repository) {
        this.jdbc = jdbc;
        this.repository = repository;
        this.access = access;
    }

    /** The case, or a {@code 404} problem when it is unknown or outside the user's municipalities. */
    public CaseRef load(long caseId) {
        return find(caseId).orElseThrow(() -> ProblemException.notFound("Case"));
    }

    /** The case when it exists and the user is granted its municipality. */
    public Optional<CaseRef> find(long caseId) {
        AccessScope scope = access.scope();
        return jdbc.sql("""
                SELECT c.id, c.person_id, c.municipality, c.status, c.entered, c.reason, c.closed_on, c.exit_reason,
                       c.assignee, c.version, p.protected_identity
                FROM casework_case c JOIN person p ON p.id = c.person_id WHERE c.id = ?""")
                .param(caseId)
                .query((rs, n) -> new CaseRef(rs.getLong(1), rs.getObject(2, UUID.class),
                        MunicipalityCode.of(rs.getString(3)), rs.getString(4), rs.getObject(5, LocalDate.class),
                        rs.getString(6), rs.getObject(7, LocalDate.class), rs.getString(8), rs.getString(9),
                        rs.getLong(10), rs.getBoolean(11)))
                .optional()
                .filter(c -> scope.grants(c.municipality()));
    }

    /**
     * The case as an aggregate to change, its row locked until the transaction ends: {@code 404} when
     * it is unknown or outside the user's municipalities, like {@link #load}. Call it inside the
     * transaction that makes the change and saves it.
     */
    public Case change(long caseId) {
        Case c = repository.findLockedById(caseId).orElseThrow(() -> ProblemException.notFound("Case"));
        if (!access.scope().grants(c.municipality())) {
            throw ProblemException.notFound("Case");
        }
        return c;
    }
}
