package se.kaa.casework.assignment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import se.kaa.casework.lifecycle.CasesOpened;
import se.kaa.shared.MunicipalityCode;

/**
 * A municipality's ordered assignment rules and their application to cases that open or reopen
 * without a case worker ({@link CasesOpened}). The first rule whose conditions all match (school unit
 * of her latest enrolment, reason, age in years today; an empty condition matches anything) assigns
 * the case to its user, or with several users to the next of them in turn (round-robin, the cursor
 * kept on the rule). Users who are no longer case workers of the municipality are skipped; when none
 * is left the case stays unassigned.
 */
@Component
public class AssignmentRules {

    public record Rule(long id, int position, String school, String reason, Integer ageMin, Integer ageMax,
                       List<String> assignees, int nextIndex) {

        public boolean roundRobin() {
            return assignees.size() > 1;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(AssignmentRules.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AssignmentService assignments;
    private final AssignmentCandidates candidates;
    private final Clock clock;

    AssignmentRules(JdbcClient jdbc, TransactionTemplate transactions, AssignmentService assignments,
                    AssignmentCandidates candidates, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.assignments = assignments;
        this.candidates = candidates;
        this.clock = clock;
    }

    public List<Rule> of(MunicipalityCode municipality) {
        return jdbc.sql("""
                SELECT id, position, school_unit_code, reason, age_min, age_max, assignees, next_index
                FROM casework_assignment_rule WHERE municipality = ? ORDER BY position, id""")
                .param(municipality.value())
                .query((rs, n) -> new Rule(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        (Integer) rs.getObject(5), (Integer) rs.getObject(6),
                        Arrays.stream((Object[]) rs.getArray(7).getArray()).map(String::valueOf).toList(), rs.getInt(8)))
                .list();
    }

    /** Appends a rule after the municipality's others. */
    public long add(MunicipalityCode municipality, String school, String reason, Integer ageMin, Integer ageMax,
                    List<String> assignees, String actor) {
        return jdbc.sql("""
                INSERT INTO casework_assignment_rule (municipality, position, school_unit_code, reason, age_min, age_max,
                                                      assignees, created_by, created_at)
                VALUES (:m, (SELECT COALESCE(max(position), 0) + 1 FROM casework_assignment_rule WHERE municipality = :m),
                        :school, :reason, :ageMin, :ageMax, CAST(:assignees AS text[]), :actor, :now)
                RETURNING id""")
                .param("m", municipality.value()).param("school", school).param("reason", reason)
                .param("ageMin", ageMin).param("ageMax", ageMax)
                .param("assignees", assignees.stream().map(a -> "\"" + a.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                        .collect(Collectors.joining(",", "{", "}")))
                .param("actor", actor).param("now", Timestamp.from(clock.instant()))
                .query(Long.class).single();
    }

    public void delete(MunicipalityCode municipality, long id) {
        jdbc.sql("DELETE FROM casework_assignment_rule WHERE municipality = ? AND id = ?")
                .params(municipality.value(), id).update();
    }

    /** Moves a rule one place up (earlier). */
    public void moveUp(MunicipalityCode municipality, long id) {
        List<Rule> rules = of(municipality);
        for (int i = 1; i < rules.size(); i++) {
            if (rules.get(i).id() == id) {
                setPosition(rules.get(i).id(), i);
                setPosition(rules.get(i - 1).id(), i + 1);
                for (int j = 0; j < rules.size(); j++) {
                    if (j != i && j != i - 1) {
                        setPosition(rules.get(j).id(), j + 1);
                    }
                }
                return;
            }
        }
    }

    private void setPosition(long id, int position) {
        jdbc.sql("UPDATE casework_assignment_rule SET position = ? WHERE id = ?").params(position, id).update();
    }

    /**
     * After the commit of the cases opened, in a transaction of its own; recorded with them, so a
     * failure or a crash leaves it to be resubmitted.
     */
    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public void on(CasesOpened event) {
        if (event.caseIds().isEmpty()) {
            return;
        }
        Integer n = transactions.execute(status -> apply(event.caseIds()));
        if (n != null && n > 0) {
            log.info("Assignment rules assigned {} cases", n);
        }
    }

    private record Subject(long caseId, String municipality, String reason, int age, String school) {
    }

    /** Applies the rules to these cases where they are open and unassigned; returns how many were assigned. */
    public int apply(List<Long> caseIds) {
        LocalDate today = LocalDate.now(clock);
        // the ids are cast once and drive the join (a cast in the WHERE clause was re-parsed for every row)
        List<Subject> subjects = jdbc.sql("""
                SELECT c.id, c.municipality, c.reason, CAST(date_part('year', age(CAST(:today AS date), p.birth_date)) AS integer),
                       (SELECT en.school_unit_code FROM enrolment en WHERE en.person_id = c.person_id
                          AND en.start_date <= CAST(:today AS date) ORDER BY en.start_date DESC, en.id DESC LIMIT 1)
                FROM unnest(CAST(:ids AS bigint[])) AS ids(id) JOIN casework_case c ON c.id = ids.id
                     JOIN person p ON p.id = c.person_id
                WHERE c.status = 'OPEN' AND c.assignee IS NULL
                ORDER BY c.id""")
                .param("today", today)
                .param("ids", caseIds.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")))
                .query((rs, n) -> new Subject(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5)))
                .list();
        Map<String, List<Subject>> byMunicipality = subjects.stream()
                .collect(Collectors.groupingBy(Subject::municipality, java.util.LinkedHashMap::new, Collectors.toList()));
        int assigned = 0;
        for (var entry : byMunicipality.entrySet()) {
            MunicipalityCode m = MunicipalityCode.of(entry.getKey());
            List<Rule> rules = of(m);
            if (rules.isEmpty()) {
                continue;
            }
            List<String> allowed = candidates.of(m).stream().map(AssignmentCandidates.Candidate::username).toList();
            for (Subject s : entry.getValue()) {
                for (Rule rule : rules) {
                    if (matches(rule, s)) {
                        String who = pick(rule.id(), allowed);
                        if (who != null && assignments.assignByRule(s.caseId(), who)) {
                            assigned++;
                        }
                        break;
                    }
                }
            }
        }
        return assigned;
    }

    private static boolean matches(Rule rule, Subject s) {
        return (rule.school() == null || rule.school().strip().equals(s.school()))
                && (rule.reason() == null || rule.reason().equals(s.reason()))
                && (rule.ageMin() == null || s.age() >= rule.ageMin())
                && (rule.ageMax() == null || s.age() <= rule.ageMax());
    }

    /** The rule's next user who still may be assigned, advancing the round-robin cursor past her. */
    private String pick(long ruleId, List<String> allowed) {
        record Cursor(List<String> assignees, int next) {
        }
        Cursor c = jdbc.sql("SELECT assignees, next_index FROM casework_assignment_rule WHERE id = ? FOR UPDATE")
                .param(ruleId)
                .query((rs, n) -> {
                    try {
                        return new Cursor(Arrays.stream((Object[]) rs.getArray(1).getArray()).map(String::valueOf).toList(),
                                rs.getInt(2));
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }).single();
        int size = c.assignees().size();
        for (int k = 0; k < size; k++) {
            int i = (c.next() + k) % size;
            if (allowed.contains(c.assignees().get(i))) {
                jdbc.sql("UPDATE casework_assignment_rule SET next_index = ? WHERE id = ?").params((i + 1) % size, ruleId).update();
                return c.assignees().get(i);
            }
        }
        return null;
    }
}
