package se.kaa.casework.internal;

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
import org.springframework.transaction.support.TransactionTemplate;

import se.kaa.audit.AuditEvent;
import se.kaa.audit.AuditLog;
import se.kaa.audit.SystemJob;
import se.kaa.shared.MunicipalityCode;
import se.kaa.targetgroup.MembershipsChanged;

/**
 * Keeps one case per person and municipality in step with her membership episodes: a case opens
 * when an episode is current (entered on or before today, not yet exited), closes with the exit
 * reason when none is, and the same case reopens when she comes back. Set-based and idempotent:
 * running it twice changes nothing the second time. It runs after every recomputation, for everyone
 * after the daily one, and once at start-up.
 */
@Component
public class CaseLifecycle {

    /** What one synchronisation did. */
    public record Result(int opened, int reopened, int closed, int withdrawn) {
    }

    private static final Logger log = LoggerFactory.getLogger(CaseLifecycle.class);
    static final String SYSTEM_ACTOR = "system";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    CaseLifecycle(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, AuditLog audit,
                  ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.audit = audit;
        this.events = events;
    }

    @EventListener
    void on(MembershipsChanged event) {
        synchronise(event.full() ? null : event.personIds(), event.asOf());
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
        if (personIds != null && personIds.isEmpty()) {
            return new Result(0, 0, 0, 0);
        }
        String ids = personIds == null ? null
                : personIds.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
        List<se.kaa.casework.CaseClosed> closedCases = new ArrayList<>();
        List<Long> openedIds = new ArrayList<>();
        Result result = transactions.execute(status -> {
            Timestamp now = Timestamp.from(clock.instant());
            List<Row> opened = open(ids, today, now);
            List<Row> reopened = reopen(ids, today, now);
            List<Row> withdrawn = withdraw(ids, today, now);
            List<Row> closed = close(ids, today, now);
            record("CASE_WITHDRAWN", withdrawn, "membership episode withdrawn: the facts show no membership");
            record("CASE_OPENED", opened, "membership episode started");
            record("CASE_REOPENED", reopened, "membership episode started again");
            record("CASE_CLOSED", closed, "membership episode ended");
            closed.forEach(r -> closedCases.add(new se.kaa.casework.CaseClosed(r.caseId(), r.exitReason())));
            opened.forEach(r -> openedIds.add(r.caseId()));
            reopened.forEach(r -> openedIds.add(r.caseId()));
            return new Result(opened.size(), reopened.size(), closed.size(), withdrawn.size());
        });
        if (result.opened() + result.reopened() + result.closed() + result.withdrawn() > 0) {
            log.info("Cases: {} opened, {} reopened, {} closed, {} withdrawn", result.opened(), result.reopened(),
                    result.closed(), result.withdrawn());
        }
        closedCases.forEach(events::publishEvent); // after the commit: listeners see the closed case
        if (!openedIds.isEmpty()) {
            // after the transaction: e.g. the assignment rules assign the cases opened without a case worker
            events.publishEvent(new CasesOpened(openedIds));
        }
        return result;
    }

    private record Row(UUID personId, String municipality, long caseId, String exitReason) {
    }

    /** Current episodes on :today: at most one per person and municipality (the latest entry). */
    private static String current(String ids) {
        return """
                SELECT DISTINCT ON (person_id, municipality) person_id, municipality, entered, reason
                FROM membership_episode
                WHERE entered <= :today AND (exited IS NULL OR exited > :today) %s
                ORDER BY person_id, municipality, entered DESC""".formatted(filter(ids, "person_id"));
    }

    private static String filter(String ids, String column) {
        return ids == null ? "" : "AND " + column + " = ANY (CAST(:ids AS uuid[]))";
    }

    private List<Row> open(String ids, LocalDate today, Timestamp now) {
        return run("""
                WITH cur AS (%s),
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
                SELECT person_id, municipality, id FROM opened""".formatted(current(ids)), ids, today, now);
    }

    private List<Row> reopen(String ids, LocalDate today, Timestamp now) {
        // A closed case with a current episode reopens; an open one follows a recomputed entry silently.
        List<Row> reopened = run("""
                WITH cur AS (%s),
                reopened AS (
                    UPDATE casework_case c SET status = 'OPEN', entered = cur.entered, reason = cur.reason,
                           closed_on = NULL, exit_reason = NULL, updated_at = :now, version = c.version + 1
                    FROM cur
                    WHERE c.person_id = cur.person_id AND c.municipality = cur.municipality AND c.status = 'CLOSED'
                    RETURNING c.id, c.person_id, c.municipality, c.entered, c.reason),
                events AS (
                    INSERT INTO casework_case_event (case_id, occurred_at, kind, on_date, reason, actor)
                    SELECT id, :now, 'REOPENED', entered, reason, :actor FROM reopened)
                SELECT person_id, municipality, id FROM reopened""".formatted(current(ids)), ids, today, now);
        jdbc.sql("""
                WITH cur AS (%s)
                UPDATE casework_case c SET entered = cur.entered, reason = cur.reason, updated_at = :now
                FROM cur
                WHERE c.person_id = cur.person_id AND c.municipality = cur.municipality AND c.status = 'OPEN'
                  AND (c.entered, c.reason) IS DISTINCT FROM (cur.entered, cur.reason)""".formatted(current(ids)))
                .params(params(ids, today, now)).update();
        return reopened;
    }

    /**
     * An open case whose person and municipality no longer have any episode at all – facts arrived
     * that show she never was a member, typically the enrolment file after the folkbokföring file –
     * and on which nothing was done (no record of any kind, no assignment by a person) was never a
     * case: it is removed rather than closed, so that a first load does not leave hundreds of empty
     * closed cases. The audit log keeps both its opening and its withdrawal.
     */
    private List<Row> withdraw(String ids, LocalDate today, Timestamp now) {
        StringBuilder untouched = new StringBuilder();
        for (String table : List.of("casework_contact_attempt", "casework_occupation", "casework_measure", "casework_plan",
                "casework_plan_revision", "casework_note", "casework_contact_details", "casework_letter",
                "casework_outbox", "casework_handover")) {
            untouched.append(" AND NOT EXISTS (SELECT 1 FROM ").append(table).append(" r WHERE r.case_id = c.id)");
        }
        return run("""
                WITH cur AS (%s),
                gone AS (
                    DELETE FROM casework_case c
                    WHERE c.status = 'OPEN' %s
                      AND NOT EXISTS (SELECT 1 FROM cur WHERE cur.person_id = c.person_id AND cur.municipality = c.municipality)
                      AND NOT EXISTS (SELECT 1 FROM membership_episode e
                                      WHERE e.person_id = c.person_id AND e.municipality = c.municipality)
                      AND NOT EXISTS (SELECT 1 FROM casework_case_event e WHERE e.case_id = c.id
                                      AND NOT (e.kind = 'OPENED' OR (e.kind = 'ASSIGNED' AND e.how = 'RULE')))
                      %s
                    RETURNING c.person_id, c.municipality, c.id)
                SELECT person_id, municipality, id FROM gone"""
                .formatted(current(ids), filter(ids, "c.person_id"), untouched), ids, today, now);
    }

    private List<Row> close(String ids, LocalDate today, Timestamp now) {
        return run("""
                WITH cur AS (%s),
                last AS (
                    SELECT DISTINCT ON (person_id, municipality) person_id, municipality, exited, exit_reason
                    FROM membership_episode WHERE entered <= :today %s
                    ORDER BY person_id, municipality, entered DESC),
                closed AS (
                    UPDATE casework_case c
                    SET status = 'CLOSED', closed_on = COALESCE(last.exited, CAST(:today AS date)),
                        exit_reason = last.exit_reason, updated_at = :now, version = c.version + 1
                    FROM casework_case c2 LEFT JOIN last
                         ON last.person_id = c2.person_id AND last.municipality = c2.municipality
                    WHERE c.id = c2.id AND c.status = 'OPEN' %s
                      AND NOT EXISTS (SELECT 1 FROM cur WHERE cur.person_id = c.person_id
                                                          AND cur.municipality = c.municipality)
                    RETURNING c.id, c.person_id, c.municipality, c.closed_on, c.exit_reason),
                events AS (
                    INSERT INTO casework_case_event (case_id, occurred_at, kind, on_date, reason, actor)
                    SELECT id, :now, 'CLOSED', closed_on, exit_reason, :actor FROM closed)
                SELECT person_id, municipality, id, exit_reason FROM closed"""
                .formatted(current(ids), filter(ids, "person_id"), filter(ids, "c.person_id")), ids, today, now);
    }

    private List<Row> run(String sql, String ids, LocalDate today, Timestamp now) {
        return jdbc.sql(sql).params(params(ids, today, now))
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getMetaData().getColumnCount() > 2 ? rs.getLong(3) : 0,
                        rs.getMetaData().getColumnCount() > 3 ? rs.getString(4) : null)).list();
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
