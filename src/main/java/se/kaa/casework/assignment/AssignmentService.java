package se.kaa.casework.assignment;

import se.kaa.casework.cases.CaseAccess;
import se.kaa.casework.lifecycle.CaseLifecycle;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.platform.ProblemException;
import se.kaa.platform.ProblemException.FieldProblem;
import se.kaa.security.CurrentAccess;
import se.kaa.shared.MunicipalityCode;

/**
 * Assigns cases to case workers: by hand (optimistic locking on the case's version), in bulk, or by a
 * rule. Every change writes an {@code ASSIGNED} event (new and previous assignee, how, who) and an
 * audit write {@code CASE_ASSIGNED}. The assignee must be a case worker of the case's municipality
 * ({@link AssignmentCandidates}); null unassigns.
 */
@Component
public class AssignmentService {

    public enum How { MANUAL, BULK, RULE }

    private final JdbcClient jdbc;
    private final CaseAccess access;
    private final CurrentAccess currentAccess;
    private final AssignmentCandidates candidates;
    private final AuditLog audit;
    private final Clock clock;

    AssignmentService(JdbcClient jdbc, CaseAccess access, CurrentAccess currentAccess, AssignmentCandidates candidates,
                      AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.currentAccess = currentAccess;
        this.candidates = candidates;
        this.audit = audit;
        this.clock = clock;
    }

    /** By hand: refused with 409 when the case changed since {@code expectedVersion}. Returns the new version. */
    @Transactional
    public long assign(long caseId, String assignee, long expectedVersion) {
        CaseAccess.CaseRef c = access.load(caseId);
        String a = normalise(assignee);
        check(c.municipality(), a);
        long version = access.claimVersion(caseId, expectedVersion);
        write(c.id(), c.personId(), c.municipality(), c.assignee(), a, How.MANUAL, actor());
        return version;
    }

    /** In bulk: every case must be visible to her (else 404, nothing assigned); no version check. */
    @Transactional
    public int assignAll(List<Long> caseIds, String assignee) {
        String a = normalise(assignee);
        List<CaseAccess.CaseRef> cases = new ArrayList<>();
        for (long id : new LinkedHashSet<>(caseIds)) {
            cases.add(access.load(id));
        }
        cases.stream().map(CaseAccess.CaseRef::municipality).distinct().forEach(m -> check(m, a));
        String actor = actor();
        int changed = 0;
        for (CaseAccess.CaseRef c : cases) {
            if (!Objects.equals(c.assignee(), a)) {
                jdbc.sql("UPDATE casework_case SET version = version + 1 WHERE id = ?").param(c.id()).update();
                write(c.id(), c.personId(), c.municipality(), c.assignee(), a, How.BULK, actor);
                changed++;
            }
        }
        return changed;
    }

    /** By a rule, for the system: only while the case is open and still unassigned. */
    boolean assignByRule(long caseId, String assignee) {
        record Target(UUID personId, String municipality) {
        }
        List<Target> t = jdbc.sql("SELECT person_id, municipality FROM casework_case WHERE id = ? AND status = 'OPEN' AND assignee IS NULL FOR UPDATE")
                .param(caseId).query((rs, n) -> new Target(rs.getObject(1, UUID.class), rs.getString(2))).list();
        if (t.isEmpty()) {
            return false;
        }
        jdbc.sql("UPDATE casework_case SET version = version + 1 WHERE id = ?").param(caseId).update();
        write(caseId, t.get(0).personId(), MunicipalityCode.of(t.get(0).municipality()), null, assignee, How.RULE,
                CaseLifecycle.SYSTEM_ACTOR);
        return true;
    }

    private void check(MunicipalityCode municipality, String assignee) {
        if (assignee != null && !candidates.assignable(municipality, assignee)) {
            throw ProblemException.invalidFields(List.of(new FieldProblem("assignee", "casework.assignment.invalidAssignee")));
        }
    }

    private void write(long caseId, UUID personId, MunicipalityCode municipality, String previous, String assignee,
                       How how, String actor) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("UPDATE casework_case SET assignee = ?, updated_at = ? WHERE id = ?").params(assignee, now, caseId).update();
        jdbc.sql("""
                INSERT INTO casework_case_event (case_id, occurred_at, kind, assignee, previous, how, actor)
                VALUES (?, ?, 'ASSIGNED', ?, ?, ?, ?)""")
                .params(caseId, now, assignee, previous, how.name(), actor).update();
        audit.record(AuditEvent.write("CASE_ASSIGNED", municipality, List.of(personId),
                "case " + caseId + " " + how.name().toLowerCase(java.util.Locale.ROOT)));
    }

    /** The assignment history of a case, newest first. */
    public List<Map<String, Object>> history(long caseId) {
        return jdbc.sql("""
                SELECT occurred_at, assignee, previous, how, actor FROM casework_case_event
                WHERE case_id = ? AND kind = 'ASSIGNED' ORDER BY occurred_at DESC, id DESC""")
                .param(caseId).query((rs, n) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("at", rs.getTimestamp(1).toInstant());
                    m.put("assignee", rs.getString(2));
                    m.put("previous", rs.getString(3));
                    m.put("how", rs.getString(4));
                    m.put("actor", rs.getString(5));
                    return m;
                }).list();
    }

    private String actor() {
        return currentAccess.scope().username();
    }

    static String normalise(String assignee) {
        return assignee == null || assignee.isBlank() ? null : assignee.strip();
    }
}
