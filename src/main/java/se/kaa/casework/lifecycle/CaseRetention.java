package se.kaa.casework.lifecycle;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;

import se.kaa.retention.RetentionAnchor;
import se.kaa.retention.RetentionClass;
import se.kaa.retention.RetentionParticipant;
import se.kaa.retention.RetentionPolicy;
import se.kaa.shared.MunicipalityCode;

/**
 * Retention of one person-anchored class casework keeps (contact log, notes, occupations, measures
 * and plans): a case's records of the class are removed on {@link RetentionPolicy#dueOn} of the
 * person's {@link RetentionAnchor} – the later of her 20th birthday and the end of her last
 * membership episode, none while an episode is open – under the policy of the case's municipality.
 * The case row itself stays (its history goes with the person). Beans: {@link CaseRetentionParticipants}.
 */
class CaseRetention implements RetentionParticipant {

    private final RetentionClass dataClass;
    private final List<String> tables;
    private final JdbcClient jdbc;

    /** {@code tables}: every table of the class, each with a {@code case_id} column. */
    CaseRetention(RetentionClass dataClass, List<String> tables, JdbcClient jdbc) {
        this.dataClass = dataClass;
        this.tables = List.copyOf(tables);
        this.jdbc = jdbc;
    }

    @Override
    public RetentionClass dataClass() {
        return dataClass;
    }

    @Override
    public Map<MunicipalityCode, Integer> countDue(LocalDate asOf, Function<MunicipalityCode, RetentionPolicy> policies) {
        Map<MunicipalityCode, Integer> counts = new HashMap<>();
        for (Due d : due(asOf, policies)) {
            counts.merge(d.municipality(), d.records(), Integer::sum);
        }
        return counts;
    }

    @Override
    public Map<MunicipalityCode, Integer> removeDue(LocalDate asOf, Function<MunicipalityCode, RetentionPolicy> policies) {
        Map<MunicipalityCode, Integer> removed = new HashMap<>();
        for (Due d : due(asOf, policies)) {
            int n = 0;
            for (String table : tables) {
                n += jdbc.sql("DELETE FROM " + table + " WHERE case_id = ?").param(d.caseId()).update();
            }
            if (n > 0) {
                removed.merge(d.municipality(), n, Integer::sum);
            }
        }
        return removed;
    }

    private record Due(long caseId, MunicipalityCode municipality, int records) {
    }

    private List<Due> due(LocalDate asOf, Function<MunicipalityCode, RetentionPolicy> policies) {
        String count = String.join(" + ", tables.stream()
                .map(t -> "(SELECT count(*) FROM " + t + " x WHERE x.case_id = c.id)").toList());
        // Nothing is due before her 20th birthday: only cases of persons past it are looked at.
        record Candidate(long caseId, MunicipalityCode municipality, LocalDate birthDate, LocalDate lastExit,
                         boolean open, int records) {
        }
        List<Candidate> candidates = jdbc.sql("""
                SELECT c.id, c.municipality, p.birth_date,
                       (SELECT max(e.exited) FROM membership_episode e WHERE e.person_id = p.id) AS last_exit,
                       EXISTS (SELECT 1 FROM membership_episode e WHERE e.person_id = p.id AND e.exited IS NULL) AS open,
                       %s AS records
                FROM casework_case c JOIN person p ON p.id = c.person_id
                WHERE (p.birth_date + interval '20 years')::date <= ?
                ORDER BY c.id""".formatted(count))
                .param(asOf)
                .query((rs, n) -> new Candidate(rs.getLong(1), MunicipalityCode.of(rs.getString(2).strip()),
                        rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class), rs.getBoolean(5),
                        rs.getInt(6)))
                .list();
        List<Due> due = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.records() == 0) {
                continue;
            }
            Optional<LocalDate> anchor = RetentionAnchor.of(c.birthDate(), c.lastExit(), c.open());
            RetentionPolicy policy = policies.apply(c.municipality());
            if (anchor.isPresent() && policy != null && !policy.dueOn(anchor.get()).isAfter(asOf)) {
                due.add(new Due(c.caseId(), c.municipality(), c.records()));
            }
        }
        return due;
    }
}
