package se.kaa.casework.lifecycle;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.audit.SystemJob;
import se.kaa.casework.cases.Case;
import se.kaa.casework.cases.CaseRepository;
import se.kaa.intake.ImportFollowUps;
import se.kaa.shared.MunicipalityCode;
import se.kaa.targetgroup.MembershipsChanged;

/**
 * Keeps one case per person and municipality in step with her membership episodes: a case opens
 * when an episode is current (entered on or before today, not yet exited), closes with the exit
 * reason when none is, and the same case reopens when she comes back. Set-based and idempotent:
 * running it twice changes nothing the second time. It runs after every recomputation (durably: the
 * recomputation's event is recorded with its run and resubmitted after a crash), for everyone after
 * the daily one, and once at start-up. Runs never overlap (an advisory lock), so a retry and the
 * original, or two instances, cannot open the same case twice.
 */
@Component
public class CaseLifecycle {

    /** What one synchronisation did. */
    public record Result(int opened, int reopened, int closed, int withdrawn) {
    }

    private static final Logger log = LoggerFactory.getLogger(CaseLifecycle.class);
    public static final String SYSTEM_ACTOR = "system";

    /** From this many persons a synchronisation plans without nested loops. */
    static final int BULK = 1_000;

    /** A synchronisation that changes at least this many cases refreshes the planner's statistics of them. */
    static final int ANALYZE_AFTER_CHANGES = 10_000;

    /** The advisory lock that serialises synchronisations ("KAAcases"). */
    private static final long LOCK = 0x4B41_4163_6173_6573L;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final ImportFollowUps followUps;
    private final org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate streaming;

    private final CaseRepository cases;

    CaseLifecycle(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, AuditLog audit,
                  ApplicationEventPublisher events, ImportFollowUps followUps, javax.sql.DataSource dataSource,
                  CaseRepository cases) {
        this.cases = cases;
        this.followUps = followUps;
        org.springframework.jdbc.core.JdbcTemplate template = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        template.setFetchSize(CHUNK); // rows are read a chunk at a time, not all at once
        this.streaming = new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(template);
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.audit = audit;
        this.events = events;
    }

    /** After a recomputation's commit, in a transaction of its own; a failure leaves it to be resubmitted. */
    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public void on(MembershipsChanged event) {
        try {
            synchronise(event.full() ? null : event.personIds(), event.asOf(), event.batchId());
        } catch (RuntimeException | Error e) {
            if (event.batchId() != null) {
                followUps.failed(event.batchId(), e);
            }
            throw e;
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    @se.kaa.platform.ClusterJob(value = "cases-on-start", slot = se.kaa.platform.ClusterJobs.Slot.STARTUP)
    void onStart() {
        SystemJob.run("cases", () -> {
            synchronise(null, LocalDate.now(clock));
        });
    }

    /** Brings the cases of these persons (all when {@code null}) up to date on {@code today}. */
    public Result synchronise(Collection<UUID> personIds, LocalDate today) {
        return synchronise(personIds, today, null);
    }

    /**
     * As {@link #synchronise(Collection, LocalDate)}, following up an import batch: what it did is
     * added to the batch's effects, and the batch's follow-up is done, in the same transaction.
     */
    public Result synchronise(Collection<UUID> personIds, LocalDate today, Long batchId) {
        if (personIds != null && personIds.isEmpty() && batchId == null) {
            return new Result(0, 0, 0, 0);
        }
        String ids = personIds == null ? null
                : personIds.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
        Result result = transactions.execute(status -> {
            jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(?)").param(LOCK).query(Integer.class).single();
            if (ids != null && personIds.isEmpty()) {
                done(batchId, new Result(0, 0, 0, 0));
                return new Result(0, 0, 0, 0);
            }
            if (personIds == null || personIds.size() >= BULK) {
                // Many persons: every join is a hash join, on all of its keys. The planner's statistics
                // can be far from what this transaction just wrote (a first load opens 50,000 cases in
                // its first statement; statistics left by earlier contents can say open cases and
                // current episodes are rare). On them it joined the open cases to the current episodes
                // by a nested loop, or by a merge join on the municipality alone (the open-case index
                // is sorted by it) with the person as a filter – 50,000 × 50,000 rows either way,
                // minutes instead of a second. A hash join copes with any misestimate. For a few
                // persons (an import of one school's file) the index lookups stay the better plan.
                jdbc.sql("SET LOCAL enable_nestloop = off").update();
                jdbc.sql("SET LOCAL enable_mergejoin = off").update();
            }
            Timestamp now = Timestamp.from(clock.instant());
            // Each step streams its rows into a sink that audits and publishes them 10,000 at a time:
            // a first load can open hundreds of thousands of cases.
            Sink opened = new Sink("CASE_OPENED", "membership episode started",
                    chunk -> events.publishEvent(new CasesOpened(chunk.stream().map(Row::caseId).toList())));
            open(ids, today, now, opened);
            Sink reopened = new Sink("CASE_REOPENED", "membership episode started again",
                    chunk -> events.publishEvent(new CasesOpened(chunk.stream().map(Row::caseId).toList())));
            reopen(ids, today, now, reopened);
            Sink withdrawn = new Sink("CASE_WITHDRAWN", "membership episode withdrawn: the facts show no membership", null);
            withdraw(ids, today, now, withdrawn);
            // Recorded with the cases, handled after the commit (or resubmitted): the handover of a case
            // closed as moved out, the assignment rules for the cases opened without a case worker.
            Sink closed = new Sink("CASE_CLOSED", "membership episode ended", chunk -> events.publishEvent(
                    new se.kaa.casework.CasesClosed(chunk.stream()
                            .map(r -> new se.kaa.casework.CaseClosed(r.caseId(), r.exitReason())).toList())));
            close(ids, today, now, closed);
            followClosed(ids, today, now);
            Result r = new Result(opened.finish(), reopened.finish(), closed.finish(), withdrawn.finish());
            if (r.opened() + r.reopened() + r.closed() + r.withdrawn() >= ANALYZE_AFTER_CHANGES) {
                // The assignment rules and the handovers run at this commit over the cases just written:
                // a first load can multiply the table, and a plan on its old size is a nested loop over
                // a sequential scan (55 s instead of 5 for 50,000 cases). Visible at the commit.
                jdbc.sql("ANALYZE casework_case").update();
            }
            done(batchId, r);
            return r;
        });
        if (result.opened() + result.reopened() + result.closed() + result.withdrawn() > 0) {
            log.info("Cases: {} opened, {} reopened, {} closed, {} withdrawn", result.opened(), result.reopened(),
                    result.closed(), result.withdrawn());
        }
        return result;
    }

    private void done(Long batchId, Result r) {
        if (batchId != null) {
            followUps.addCaseEffects(batchId, r.opened(), r.reopened(), r.closed(), r.withdrawn());
            followUps.done(batchId);
        }
    }

    private record Row(UUID personId, String municipality, long caseId, String exitReason) {
    }

    /** Rows audited and handed on (an event) at most {@value #CHUNK} at a time; counts them. */
    private final class Sink implements java.util.function.Consumer<Row> {
        private final String action;
        private final String context;
        private final java.util.function.Consumer<List<Row>> then;
        private final List<Row> chunk = new ArrayList<>();
        private int count;

        Sink(String action, String context, java.util.function.Consumer<List<Row>> then) {
            this.action = action;
            this.context = context;
            this.then = then;
        }

        @Override
        public void accept(Row row) {
            chunk.add(row);
            count++;
            if (chunk.size() == CHUNK) {
                flush();
            }
        }

        int finish() {
            flush();
            return count;
        }

        private void flush() {
            if (chunk.isEmpty()) {
                return;
            }
            record(action, chunk, context);
            if (then != null) {
                then.accept(List.copyOf(chunk));
            }
            chunk.clear();
        }
    }

    /** Rows audited and published together at most. */
    static final int CHUNK = 10_000;

    /**
     * Current episodes on :today: at most one per person and municipality (the latest entry). When
     * persons are named, preceded by the CTE {@code ids} holding them: the text of ids is cast once,
     * not once per row (a cast in the WHERE clause was re-parsed for every row checked, quadratic in
     * the number of persons: 16,000 ids took 121 s).
     */
    private static String current(String ids) {
        return """
                SELECT DISTINCT ON (person_id, municipality) person_id, municipality, entered, reason
                FROM membership_episode e
                WHERE %s %s
                ORDER BY person_id, municipality, entered DESC""".formatted(CURRENT_ON_TODAY.formatted("e"), filter(ids, "person_id"));
    }

    /** An episode (alias %s) is current on :today: entered on or before it and not exited by it. */
    private static final String CURRENT_ON_TODAY = "%1$s.entered <= :today AND (%1$s.exited IS NULL OR %1$s.exited > :today)";

    /** The first CTE of every statement: the named persons, cast once. */
    private static String with(String ids) {
        return ids == null ? "WITH " : "WITH ids AS MATERIALIZED (SELECT unnest(CAST(:ids AS uuid[])) AS id), ";
    }

    private static String filter(String ids, String column) {
        return ids == null ? "" : "AND " + column + " IN (SELECT id FROM ids)";
    }

    private void open(String ids, LocalDate today, Timestamp now, Sink sink) {
        run("""
                %scur AS MATERIALIZED (%s),
                opened AS (
                    INSERT INTO casework_case (person_id, municipality, status, entered, reason, created_at, updated_at)
                    SELECT cur.person_id, cur.municipality, 'OPEN', cur.entered, cur.reason, :now, :now FROM cur
                    WHERE NOT EXISTS (SELECT 1 FROM casework_case c
                                      WHERE c.person_id = cur.person_id AND c.municipality = cur.municipality)
                    ON CONFLICT DO NOTHING
                    RETURNING id, person_id, municipality, entered, reason),
                events AS (
                    INSERT INTO casework_case_event (case_id, occurred_at, kind, on_date, reason, actor)
                    SELECT id, :now, 'OPENED', entered, reason, :actor FROM opened)
                SELECT person_id, municipality, id FROM opened""".formatted(with(ids), current(ids)), ids, today, now, sink);
    }

    /** The closed cases that have a current episode: they reopen with its entry day and reason. */
    private static String reopening(String ids) {
        return """
                %scur AS MATERIALIZED (%s),
                due AS (
                    SELECT c.id, c.person_id, c.municipality, cur.entered AS on_date, cur.reason
                    FROM casework_case c JOIN cur ON c.person_id = cur.person_id AND c.municipality = cur.municipality
                    WHERE c.status = 'CLOSED')""".formatted(with(ids), current(ids));
    }

    private void reopen(String ids, LocalDate today, Timestamp now, Sink sink) {
        if (few(ids)) {
            apply(reopening(ids), "REOPENED", ids, today, now, sink, (c, due) -> c.reopen(due.onDate(), due.reason(), now.toInstant()));
        } else {
            run("""
                    %s,
                    reopened AS (
                        UPDATE casework_case c SET status = 'OPEN', entered = due.on_date, reason = due.reason,
                               closed_on = NULL, exit_reason = NULL, updated_at = :now, version = c.version + 1
                        FROM due WHERE c.id = due.id
                        RETURNING c.id, c.person_id, c.municipality, c.entered, c.reason),
                    events AS (
                        INSERT INTO casework_case_event (case_id, occurred_at, kind, on_date, reason, actor)
                        SELECT id, :now, 'REOPENED', entered, reason, :actor FROM reopened)
                    SELECT person_id, municipality, id FROM reopened""".formatted(reopening(ids)), ids, today, now, sink);
        }
        // An open case follows a recomputed entry day and reason silently (not a change anybody made).
        jdbc.sql("""
                %scur AS MATERIALIZED (%s)
                UPDATE casework_case c SET entered = cur.entered, reason = cur.reason, updated_at = :now
                FROM cur
                WHERE c.person_id = cur.person_id AND c.municipality = cur.municipality AND c.status = 'OPEN'
                  AND (c.entered, c.reason) IS DISTINCT FROM (cur.entered, cur.reason)""".formatted(with(ids), current(ids)))
                .params(params(ids, today, now)).update();
    }

    /**
     * An open case whose person and municipality no longer have any episode at all – facts arrived
     * that show she never was a member, typically the enrolment file after the folkbokföring file –
     * and on which nothing was done (no record of any kind, no assignment by a person) was never a
     * case: it is removed rather than closed, so that a first load does not leave hundreds of empty
     * closed cases. The audit log keeps both its opening and its withdrawal.
     */
    private void withdraw(String ids, LocalDate today, Timestamp now, Sink sink) {
        StringBuilder untouched = new StringBuilder();
        for (String table : List.of("casework_contact_attempt", "casework_occupation", "casework_measure", "casework_plan",
                "casework_plan_revision", "casework_note", "casework_contact_details", "casework_letter",
                "casework_outbox", "casework_handover")) {
            untouched.append(" AND NOT EXISTS (SELECT 1 FROM ").append(table).append(" r WHERE r.case_id = c.id)");
        }
        // No episode at all implies no current one: the check needs no scan of the current episodes
        // (an anti-join with them, planned as a nested loop on stale statistics, is quadratic).
        run("""
                %sgone AS (
                    DELETE FROM casework_case c
                    WHERE c.status = 'OPEN' %s
                      AND NOT EXISTS (SELECT 1 FROM membership_episode e
                                      WHERE e.person_id = c.person_id AND e.municipality = c.municipality)
                      AND NOT EXISTS (SELECT 1 FROM casework_case_event e WHERE e.case_id = c.id
                                      AND NOT (e.kind = 'OPENED' OR (e.kind = 'ASSIGNED' AND e.how = 'RULE')))
                      %s
                    RETURNING c.person_id, c.municipality, c.id)
                SELECT person_id, municipality, id FROM gone"""
                .formatted(with(ids), filter(ids, "c.person_id"), untouched), ids, today, now, sink);
    }

    /**
     * The open cases with no current episode: they close on the day the last episode ended (today when
     * none is left) with its exit reason. "No current episode" is asked of the episodes' own index, not
     * of a scan of the current ones.
     */
    private static String closing(String ids) {
        return """
                %slast AS (
                    SELECT DISTINCT ON (person_id, municipality) person_id, municipality, exited, exit_reason
                    FROM membership_episode WHERE entered <= :today %s
                    ORDER BY person_id, municipality, entered DESC),
                due AS (
                    SELECT c.id, c.person_id, c.municipality, COALESCE(last.exited, CAST(:today AS date)) AS on_date,
                           last.exit_reason AS reason
                    FROM casework_case c LEFT JOIN last ON last.person_id = c.person_id AND last.municipality = c.municipality
                    WHERE c.status = 'OPEN' %s
                      AND NOT EXISTS (SELECT 1 FROM membership_episode e
                                      WHERE e.person_id = c.person_id AND e.municipality = c.municipality
                                        AND %s))"""
                .formatted(with(ids), filter(ids, "person_id"), filter(ids, "c.person_id"), CURRENT_ON_TODAY.formatted("e"));
    }

    private void close(String ids, LocalDate today, Timestamp now, Sink sink) {
        if (few(ids)) {
            apply(closing(ids), "CLOSED", ids, today, now, sink, (c, due) -> c.close(due.onDate(), due.reason(), now.toInstant()));
            return;
        }
        run("""
                %s,
                closed AS (
                    UPDATE casework_case c
                    SET status = 'CLOSED', closed_on = due.on_date, exit_reason = due.reason, updated_at = :now,
                        version = c.version + 1
                    FROM due WHERE c.id = due.id
                    RETURNING c.id, c.person_id, c.municipality, c.closed_on, c.exit_reason),
                events AS (
                    INSERT INTO casework_case_event (case_id, occurred_at, kind, on_date, reason, actor)
                    SELECT id, :now, 'CLOSED', closed_on, exit_reason, :actor FROM closed)
                SELECT person_id, municipality, id, exit_reason FROM closed""".formatted(closing(ids)), ids, today, now, sink);
    }

    /**
     * A closed case follows corrected facts silently, as an open one follows a recomputed entry day: its
     * entry, reason, closing day and exit reason are those of her last episode (facts that arrived later
     * can move them – the enrolment file after the folkbokföring file). Otherwise its clocks and the
     * reported facts would count from a membership that no longer exists.
     */
    private void followClosed(String ids, LocalDate today, Timestamp now) {
        // From the closed cases (none in a first load), each one's last episode by the episodes' index: not
        // a scan of every episode of the persons named.
        jdbc.sql("""
                %sclosed AS MATERIALIZED (
                    SELECT c.id, c.person_id, c.municipality FROM casework_case c WHERE c.status = 'CLOSED' %s)
                UPDATE casework_case c SET entered = last.entered, reason = last.reason, closed_on = last.exited,
                       exit_reason = last.exit_reason, updated_at = :now
                FROM closed cl
                CROSS JOIN LATERAL (
                    SELECT e.entered, e.reason, e.exited, e.exit_reason FROM membership_episode e
                    WHERE e.person_id = cl.person_id AND e.municipality = cl.municipality AND e.entered <= :today
                    ORDER BY e.entered DESC LIMIT 1) last
                WHERE c.id = cl.id AND last.exited IS NOT NULL AND last.exited <= :today
                  AND (c.entered, c.reason, c.closed_on, c.exit_reason)
                      IS DISTINCT FROM (last.entered, last.reason, last.exited, last.exit_reason)"""
                .formatted(with(ids), filter(ids, "c.person_id")))
                .params(params(ids, today, now)).update();
    }

    /** A synchronisation of at most this many named persons changes each case through its aggregate. */
    static final int FEW = 100;

    private static boolean few(String ids) {
        return ids != null && ids.chars().filter(ch -> ch == ',').count() < FEW;
    }

    /** A case the lifecycle closes or reopens: on which day, for which reason. */
    private record Due(long id, UUID personId, String municipality, LocalDate onDate, String reason) {
    }

    /**
     * Closes or reopens each due case through the aggregate ({@code change}), with its row locked, and
     * records the event: the path of a few persons.
     */
    private void apply(String due, String kind, String ids, LocalDate today, Timestamp now, Sink sink,
                       java.util.function.BiConsumer<Case, Due> change) {
        List<Due> rows = streaming.query(due + " SELECT id, person_id, municipality, on_date, reason FROM due ORDER BY id",
                params(ids, today, now), (rs, n) -> new Due(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getString(5)));
        for (Due d : rows) {
            Case c = cases.findLockedById(d.id()).orElseThrow();
            change.accept(c, d);
            cases.save(c);
            jdbc.sql("""
                    INSERT INTO casework_case_event (case_id, occurred_at, kind, on_date, reason, actor)
                    VALUES (?, ?, ?, ?, ?, ?)""").params(d.id(), now, kind, d.onDate(), d.reason(), SYSTEM_ACTOR).update();
            sink.accept(new Row(d.personId(), d.municipality(), d.id(), kind.equals("CLOSED") ? d.reason() : null));
        }
    }

    /** Runs a statement whose rows stream to the sink, fetched a chunk at a time. */
    private void run(String sql, String ids, LocalDate today, Timestamp now, Sink sink) {
        streaming.query(sql, params(ids, today, now), rs -> {
            int columns = rs.getMetaData().getColumnCount();
            sink.accept(new Row(rs.getObject(1, UUID.class), rs.getString(2), columns > 2 ? rs.getLong(3) : 0,
                    columns > 3 ? rs.getString(4) : null));
        });
    }

    private static Map<String, Object> params(String ids, LocalDate today, Timestamp now) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("today", today);
        params.put("now", now);
        params.put("actor", SYSTEM_ACTOR);
        if (ids != null) {
            params.put("ids", ids);
        }
        return params;
    }

    private void record(String action, List<Row> rows, String context) {
        Map<String, List<UUID>> byMunicipality = new LinkedHashMap<>();
        rows.forEach(r -> byMunicipality.computeIfAbsent(r.municipality(), m -> new ArrayList<>()).add(r.personId()));
        byMunicipality.forEach((m, persons) ->
                audit.record(AuditEvent.write(action, MunicipalityCode.of(m), persons, context)));
    }
}
