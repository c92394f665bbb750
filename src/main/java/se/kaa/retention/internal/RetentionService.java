package se.kaa.retention.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import se.kaa.retention.RetentionAction;
import se.kaa.retention.RetentionClass;
import se.kaa.retention.RetentionParticipant;
import se.kaa.retention.RetentionPolicy;
import se.kaa.retention.RetentionProperties;
import se.kaa.shared.MunicipalityCode;
import se.kaa.shared.PersonalIdentityNumber;

/**
 * Plans and carries out retention: the persons whose identity data is due are pseudonymised or
 * deleted, rejected import rows past their time are deleted, and every run is logged with its
 * counts. The classes whose tables do not exist yet (casework, audit log) keep their policies until
 * their modules apply them.
 */
@Service
public class RetentionService {

    /** A logged run. */
    public record Run(long id, String trigger, LocalDate asOf, String startedBy, Instant startedAt, Instant finishedAt,
                      int total, List<RetentionPlan.Count> counts) {

        /**
         * The run as seen by someone granted only some municipalities: their counts, and their sum as
         * the total, so nothing of the others' counts shows.
         */
        public Run only(java.util.function.Predicate<MunicipalityCode> municipalities) {
            List<RetentionPlan.Count> visible = counts.stream().filter(c -> municipalities.test(c.municipality()))
                    .toList();
            return new Run(id, trigger, asOf, startedBy, startedAt, finishedAt,
                    visible.stream().mapToInt(RetentionPlan.Count::count).sum(), visible);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(RetentionService.class);

    private final JdbcClient jdbc;
    private final PolicyStore policies;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final boolean enabled;
    private final List<RetentionParticipant> participants;

    @Autowired
    RetentionService(JdbcClient jdbc, PolicyStore policies, TransactionTemplate transactions, Clock clock,
                     RetentionProperties properties, ObjectProvider<RetentionParticipant> participants) {
        this(jdbc, policies, transactions, clock, properties, participants.orderedStream().toList());
    }

    RetentionService(JdbcClient jdbc, PolicyStore policies, TransactionTemplate transactions, Clock clock,
                     RetentionProperties properties, List<RetentionParticipant> participants) {
        this.jdbc = jdbc;
        this.policies = policies;
        this.transactions = transactions;
        this.clock = clock;
        this.enabled = properties.enabled();
        this.participants = List.copyOf(participants);
    }

    /** Whether the class is applied: by this module, or by a participant that keeps it. */
    public boolean applied(RetentionClass dataClass) {
        return dataClass.builtIn() || participants.stream().anyMatch(p -> p.dataClass() == dataClass);
    }

    /** What a run today would remove (the dry run). */
    public RetentionPlan plan() {
        LocalDate today = LocalDate.now(clock);
        Map<MunicipalityCode, Map<RetentionClass, RetentionPolicy>> cache = new HashMap<>();
        java.util.function.BiFunction<MunicipalityCode, RetentionClass, RetentionPolicy> policyOf = (m, c) ->
                cache.computeIfAbsent(m, k -> {
                    Map<RetentionClass, RetentionPolicy> all = new java.util.EnumMap<>(RetentionClass.class);
                    policies.policiesOf(k).forEach(p -> all.put(p.dataClass(), p));
                    return all;
                }).get(c);
        List<RetentionPlan.Count> participantCounts = new ArrayList<>();
        for (RetentionParticipant p : participants) {
            p.countDue(today, m -> policyOf.apply(m, p.dataClass())).forEach((m, n) ->
                    participantCounts.add(new RetentionPlan.Count(m, p.dataClass(), RetentionAction.DELETE, n)));
        }
        return new RetentionPlan(today, duePersons(today, m -> policyOf.apply(m, RetentionClass.IDENTITY)),
                dueRejectedRows(today, m -> policyOf.apply(m, RetentionClass.REJECTED_IMPORT_ROWS)), participantCounts);
    }

    /** Daily, after the night's recomputation of the target group. */
    @Scheduled(cron = "${kaa.retention.daily-cron:0 30 1 * * *}", zone = "Europe/Stockholm")
    @se.kaa.platform.ClusterJob(value = "retention-daily", slot = se.kaa.platform.ClusterJobs.Slot.DAY)
    public void daily() {
        if (!enabled) {
            log.info("Daily retention run skipped: kaa.retention.enabled is false");
            return;
        }
        run("DAILY", "system");
    }

    /** Carries out today's plan for every municipality and logs the run with its counts. */
    public Run run(String trigger, String startedBy) {
        return run(trigger, startedBy, m -> true);
    }

    /**
     * Carries out today's plan for the municipalities in {@code scope} only (an administrator's run on
     * demand covers her own municipalities; the others wait for the daily run) and logs it.
     */
    public Run run(String trigger, String startedBy, java.util.function.Predicate<MunicipalityCode> scope) {
        Instant started = clock.instant();
        RetentionPlan plan = plan().only(scope);
        long runId = jdbc.sql("""
                INSERT INTO retention_run (trigger, as_of, started_by, started_at, finished_at, total)
                VALUES (?, ?, ?, ?, ?, 0) RETURNING id""")
                .params(trigger, plan.asOf(), startedBy, Timestamp.from(started), Timestamp.from(started))
                .query(Long.class).single();
        List<RetentionPlan.DuePerson> removedPersons = new ArrayList<>();
        for (RetentionPlan.DuePerson person : plan.persons()) {
            try {
                if (Boolean.TRUE.equals(transactions.execute(status -> removePerson(person, runId)))) {
                    removedPersons.add(person);
                }
            } catch (RuntimeException e) {
                // e.g. a table of a module without a RetentionParticipant still refers to her: she stays,
                // the others are removed, and the next run tries again.
                log.warn("Retention run {}: person {} could not be removed ({}); kept for the next run",
                        runId, person.personId(), e.getClass().getSimpleName());
            }
        }
        plan.rejectedRows().forEach((municipality, ids) -> transactions.executeWithoutResult(status ->
                deleteRejectedRows(ids)));
        // What participants removed is logged as they report it (it may differ from the plan by a
        // record written meanwhile).
        List<RetentionPlan.Count> removedByParticipants = new ArrayList<>();
        for (RetentionParticipant p : participants) {
            Map<MunicipalityCode, Integer> removed = transactions.execute(status ->
                    p.removeDue(plan.asOf(), m -> scope.test(m) ? policies.policy(m, p.dataClass())
                            // outside the scope: held, nothing is due
                            : new RetentionPolicy(m, p.dataClass(), RetentionPolicy.MAX_MONTHS,
                                    p.dataClass().defaultAction(), false)));
            if (removed != null) {
                removed.forEach((m, n) -> removedByParticipants.add(
                        new RetentionPlan.Count(m, p.dataClass(), RetentionAction.DELETE, n)));
            }
        }
        RetentionPlan done = new RetentionPlan(plan.asOf(), removedPersons, plan.rejectedRows(), removedByParticipants);
        List<RetentionPlan.Count> counts = done.counts();
        for (RetentionPlan.Count c : counts) {
            jdbc.sql("INSERT INTO retention_run_count (run_id, municipality, data_class, action, count) VALUES (?, ?, ?, ?, ?)")
                    .params(runId, c.municipality().value(), c.dataClass().name(), c.action().name(), c.count())
                    .update();
        }
        Instant finished = clock.instant();
        jdbc.sql("UPDATE retention_run SET finished_at = ?, total = ? WHERE id = ?")
                .params(Timestamp.from(finished), done.total(), runId).update();
        log.info("Retention run {} ({}) on {}: {} removed {}", runId, trigger, plan.asOf(), done.total(), counts);
        return new Run(runId, trigger, plan.asOf(), startedBy, started, finished, done.total(), counts);
    }

    /** The latest runs with their counts, newest first. */
    public List<Run> recentRuns(int limit) {
        List<Run> runs = jdbc.sql("""
                SELECT id, trigger, as_of, started_by, started_at, finished_at, total FROM retention_run
                ORDER BY started_at DESC, id DESC LIMIT ?""")
                .param(limit)
                .query((rs, n) -> new Run(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                        rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(), rs.getInt(7),
                        List.of()))
                .list();
        List<Run> result = new ArrayList<>();
        for (Run r : runs) {
            List<RetentionPlan.Count> counts = jdbc.sql("""
                    SELECT municipality, data_class, action, count FROM retention_run_count WHERE run_id = ?
                    ORDER BY municipality, data_class, action""")
                    .param(r.id())
                    .query((rs, n) -> new RetentionPlan.Count(MunicipalityCode.of(rs.getString(1)),
                            RetentionClass.valueOf(rs.getString(2)), RetentionAction.valueOf(rs.getString(3)), rs.getInt(4)))
                    .list();
            result.add(new Run(r.id(), r.trigger(), r.asOf(), r.startedBy(), r.startedAt(), r.finishedAt(), r.total(),
                    counts));
        }
        return result;
    }

    private List<RetentionPlan.DuePerson> duePersons(LocalDate today,
                                                     java.util.function.Function<MunicipalityCode, RetentionPolicy> policyOf) {
        // Nothing is due before the 20th birthday, so only persons past it are looked at.
        record Candidate(UUID id, String pnr, LocalDate birthDate, LocalDate lastExit, boolean open,
                         List<MunicipalityCode> municipalities) {
        }
        List<Candidate> candidates = jdbc.sql("""
                SELECT p.id, p.pnr, p.birth_date,
                       (SELECT max(e.exited) FROM membership_episode e WHERE e.person_id = p.id) AS last_exit,
                       EXISTS (SELECT 1 FROM membership_episode e WHERE e.person_id = p.id AND e.exited IS NULL) AS open,
                       ARRAY(SELECT e.municipality FROM membership_episode e WHERE e.person_id = p.id
                             UNION SELECT r.municipality FROM population_record r WHERE r.person_id = p.id
                             UNION SELECT pl.municipality FROM placement pl WHERE pl.person_id = p.id
                             UNION SELECT n.municipality FROM notice n WHERE n.person_id = p.id
                             UNION SELECT b.municipality FROM enrolment en JOIN import_batch b ON b.id = en.batch_id
                                   WHERE en.person_id = p.id
                             UNION SELECT b.municipality FROM credential c JOIN import_batch b ON b.id = c.batch_id
                                   WHERE c.person_id = p.id
                             UNION SELECT b.municipality FROM admission a JOIN import_batch b ON b.id = a.batch_id
                                   WHERE a.person_id = p.id)::text[] AS municipalities
                FROM person p
                WHERE (p.birth_date + interval '20 years')::date <= ?
                ORDER BY p.birth_date, p.id""")
                .param(today)
                .query((rs, n) -> {
                    String[] codes = (String[]) rs.getArray(6).getArray();
                    List<MunicipalityCode> municipalities = new ArrayList<>();
                    for (String code : codes) {
                        municipalities.add(MunicipalityCode.of(code.strip()));
                    }
                    return new Candidate(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, LocalDate.class),
                            rs.getObject(4, LocalDate.class), rs.getBoolean(5), municipalities);
                })
                .list();
        List<RetentionPlan.DuePerson> due = new ArrayList<>();
        for (Candidate c : candidates) {
            Optional<RetentionSchedule.Due> d = RetentionSchedule.due(c.birthDate(), c.lastExit(), c.open(),
                    c.municipalities(), policyOf);
            if (d.isPresent() && !d.get().dueOn().isAfter(today)) {
                due.add(new RetentionPlan.DuePerson(c.id(), PersonalIdentityNumber.ofStored(c.pnr()),
                        d.get().policy().municipality(), d.get().anchor(), d.get().dueOn(), d.get().policy().action()));
            }
        }
        return due;
    }

    private Map<MunicipalityCode, List<Long>> dueRejectedRows(
            LocalDate today, java.util.function.Function<MunicipalityCode, RetentionPolicy> policyOf) {
        Map<MunicipalityCode, List<Long>> due = new HashMap<>();
        List<String> municipalities = jdbc.sql("SELECT DISTINCT municipality FROM import_batch")
                .query(String.class).list();
        for (String code : municipalities) {
            MunicipalityCode m = MunicipalityCode.of(code.strip());
            int months = policyOf.apply(m).months();
            // A row is kept until it is resolved by a person, or else counted from its receipt.
            List<Long> ids = jdbc.sql("""
                    SELECT r.id FROM import_rejected_row r JOIN import_batch b ON b.id = r.batch_id
                    WHERE b.municipality = ?
                      AND ((coalesce(r.resolved_at, b.received_at) AT TIME ZONE ?)::date
                           + make_interval(months => ?))::date <= ?
                    ORDER BY r.id""")
                    .params(m.value(), clock.getZone().getId(), months, today)
                    .query(Long.class).list();
            if (!ids.isEmpty()) {
                due.put(m, ids);
            }
        }
        return due;
    }

    /** False when she was already gone (another run got there first). */
    private boolean removePerson(RetentionPlan.DuePerson person, long runId) {
        UUID id = person.personId();
        // Locks her row so that two runs at once cannot both copy her statistical core.
        if (jdbc.sql("SELECT id FROM person WHERE id = ? FOR UPDATE").param(id).query(UUID.class).optional().isEmpty()) {
            return false;
        }
        participants.forEach(p -> p.beforePersonRemoved(id));
        if (person.action() == RetentionAction.PSEUDONYMISE) {
            jdbc.sql("""
                    INSERT INTO retained_episode (pseudonym, birth_year, municipality, entered, reason, entry_kind,
                                                  rule_set, exited, exit_reason, run_id)
                    SELECT ?, ?, municipality, entered, reason, entry_kind, rule_set, exited, exit_reason, ?
                    FROM membership_episode WHERE person_id = ?""")
                    .params(UUID.randomUUID(), person.pin().birthDate().getYear(), runId, id)
                    .update();
        }
        // Facts first (they refer to notices and batches), then notices, episodes, rows naming her, the person.
        for (String table : List.of("enrolment", "credential", "admission", "placement", "population_record",
                "membership_episode", "notice")) {
            jdbc.sql("DELETE FROM " + table + " WHERE person_id = ?").param(id).update();
        }
        jdbc.sql("DELETE FROM import_rejected_row WHERE pnr = ?").param(person.pin().value()).update();
        jdbc.sql("DELETE FROM person WHERE id = ?").param(id).update();
        return true;
    }

    private void deleteRejectedRows(List<Long> ids) {
        for (int from = 0; from < ids.size(); from += 1000) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
            jdbc.sql("DELETE FROM import_rejected_row WHERE id IN (:ids)").param("ids", chunk).update();
        }
    }
}
