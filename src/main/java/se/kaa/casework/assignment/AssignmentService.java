package se.kaa.casework.assignment;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.casework.cases.Case;
import se.kaa.casework.cases.CaseAccess;
import se.kaa.casework.cases.CaseRepository;
import se.kaa.casework.lifecycle.CaseLifecycle;
import se.kaa.security.CurrentAccess;
import se.kaa.shared.MunicipalityCode;

/**
 * Assigns cases to case workers – by hand (the version she saw must still be the case's), in bulk, or
 * by a rule – through the {@link Case} aggregate, which holds who may be assigned and when a rule may
 * assign. Every change writes an {@code ASSIGNED} event (new and previous assignee, how, who) and an
 * audit write {@code CASE_ASSIGNED}. The assignee must be a case worker of the case's municipality
 * ({@link AssignmentCandidates}); null unassigns.
 */
@Component
public class AssignmentService {

    public enum How { MANUAL, BULK, RULE }

    private final JdbcClient jdbc;
    private final CaseAccess access;
    private final CaseRepository cases;
    private final CurrentAccess currentAccess;
    private final AssignmentCandidates candidates;
    private final AuditLog audit;
    private final Clock clock;

    AssignmentService(JdbcClient jdbc, CaseAccess access, CaseRepository cases, CurrentAccess currentAccess,
                      AssignmentCandidates candidates, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.access = access;
        this.currentAccess = currentAccess;
        this.candidates = candidates;
        this.audit = audit;
        this.clock = clock;
    }

    /** By hand: refused with 409 when the case changed since {@code expectedVersion}. Returns the new version. */
    @Transactional
    public long assign(long caseId, String assignee, long expectedVersion) {
        String a = normalise(assignee);
        Case c = access.change(caseId);
        String previous = c.assign(expectedVersion, a, assignable(c), clock.instant());
        Case saved = cases.save(c);
        write(saved.id(), saved.personId(), saved.municipality(), previous, a, How.MANUAL, actor());
        return saved.version();
    }

    /** In bulk: every case must be visible to her (else 404, nothing assigned); no version check. */
    @Transactional
    public int assignAll(List<Long> caseIds, String assignee) {
        String a = normalise(assignee);
        List<Case> all = new ArrayList<>();
        for (long id : new java.util.TreeSet<>(caseIds)) {
            all.add(access.change(id)); // in id order: two bulk assignments never wait for each other in a circle
        }
        String actor = actor();
        int changed = 0;
        for (Case c : all) {
            String previous = c.assignee();
            if (c.assignAlongOthers(a, assignable(c), clock.instant())) {
                cases.save(c);
                write(c.id(), c.personId(), c.municipality(), previous, a, How.BULK, actor);
                changed++;
            }
        }
        return changed;
    }

    /** By a rule, for the system: only while the case is open and still unassigned. */
    boolean assignByRule(long caseId, String assignee) {
        Case c = cases.findLockedById(caseId).orElse(null);
        if (c == null || !c.assignByRule(assignee, clock.instant())) {
            return false;
        }
        cases.save(c);
        write(caseId, c.personId(), c.municipality(), null, assignee, How.RULE, CaseLifecycle.SYSTEM_ACTOR);
        return true;
    }

    private java.util.function.Predicate<String> assignable(Case c) {
        return a -> candidates.assignable(c.municipality(), a);
    }

    private void write(long caseId, UUID personId, MunicipalityCode municipality, String previous, String assignee,
                       How how, String actor) {
        Timestamp now = Timestamp.from(clock.instant());
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
