package se.kaa.casework.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What is derived about a case rather than recorded: the contact state and the deadline clocks,
 * counted from the entry day of the current membership (attempts and measures of an earlier period
 * of a reopened case do not count). Targets come from {@code casework_settings} of the case's
 * municipality, or the defaults (first attempt 7 days, first contact 14, first offered measure 30).
 *
 * <p>Two definitions here are shared with {@link Worklist}'s SQL so that both always agree:
 * {@link #COUNTED_ATTEMPT} (a struck-out attempt counts for nothing) and {@link #asOf} (a closed
 * case's clocks stop on its closing day).
 */
@Component
public class CaseStates {

    /** The split of "unknown": not yet tried, tried but not reached, refused – and reached. */
    public enum ContactState { NOT_TRIED, TRIED_NOT_REACHED, REFUSED, REACHED }

    /**
     * One clock: days from entry until it was done, or until today while it is not; overdue when not
     * done and more days than the target have passed.
     */
    public record DeadlineClock(int targetDays, LocalDate doneOn, long days, boolean overdue) {

        public boolean done() {
            return doneOn != null;
        }

        /** Done, but later than the target. */
        public boolean late() {
            return doneOn != null && days > targetDays;
        }
    }

    /** {@code asOf}: the day the clocks are read on – today, or the closing day of a closed case. */
    public record CaseState(long caseId, ContactState contact, LocalDate nextAttemptDue, DeadlineClock firstAttempt,
                            DeadlineClock firstContact, DeadlineClock firstMeasure, LocalDate asOf) {

        public boolean overdue() {
            return firstAttempt.overdue() || firstContact.overdue() || firstMeasure.overdue();
        }
    }

    public static final int DEFAULT_FIRST_ATTEMPT_DAYS = 7;
    public static final int DEFAULT_FIRST_CONTACT_DAYS = 14;
    public static final int DEFAULT_FIRST_MEASURE_DAYS = 30;

    /** The date of a timestamp in Swedish time, in SQL. */
    static final String LOCAL_DAY = "CAST((%s AT TIME ZONE 'Europe/Stockholm') AS date)";

    /**
     * The attempts that count (alias {@code a}): not struck out. A struck-out attempt stays in the
     * history but counts for nothing – not for the contact state, the clocks nor the worklist.
     */
    static final String COUNTED_ATTEMPT = "a.struck_at IS NULL";

    /**
     * The day a case's clocks are read on, in SQL: today for an open case, its closing day for a closed
     * one – a closed case's clocks stop. {@code today} is an SQL date expression, {@code kase} the alias
     * of {@code casework_case}.
     */
    static String asOf(String today, String kase) {
        return "LEAST(" + today + ", COALESCE(" + kase + ".closed_on, " + today + "))";
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    CaseStates(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public CaseState of(long caseId) {
        return of(java.util.List.of(caseId)).get(caseId);
    }

    /** States of these cases, by id, as of today; unknown ids are left out. */
    public Map<Long, CaseState> of(Collection<Long> caseIds) {
        LocalDate today = LocalDate.now(clock);
        Map<Long, CaseState> states = new LinkedHashMap<>();
        if (caseIds.isEmpty()) {
            return states;
        }
        String attemptDay = LOCAL_DAY.formatted("a.attempted_at");
        jdbc.sql("""
                SELECT c.id, c.entered,
                       COALESCE(s.first_attempt_days, :fa) AS fa_days,
                       COALESCE(s.first_contact_days, :fc) AS fc_days,
                       COALESCE(s.first_measure_days, :fm) AS fm_days,
                       att.first_attempt, att.first_contact, last.outcome AS last_outcome, last.next_attempt_due,
                       mea.first_measure, %2$s AS as_of
                FROM casework_case c
                LEFT JOIN casework_settings s ON s.municipality = c.municipality
                LEFT JOIN LATERAL (
                    SELECT min(%1$s) AS first_attempt,
                           min(%1$s) FILTER (WHERE a.outcome = 'REACHED') AS first_contact
                    FROM casework_contact_attempt a WHERE a.case_id = c.id AND %1$s >= c.entered AND %3$s) att ON true
                LEFT JOIN LATERAL (
                    SELECT a.outcome, a.next_attempt_due FROM casework_contact_attempt a
                    WHERE a.case_id = c.id AND %1$s >= c.entered AND a.outcome <> 'SENT' AND %3$s
                    ORDER BY a.attempted_at DESC, a.id DESC LIMIT 1) last ON true
                LEFT JOIN LATERAL (
                    SELECT min(m.offered_on) AS first_measure FROM casework_measure m
                    WHERE m.case_id = c.id AND m.offered_on >= c.entered) mea ON true
                WHERE c.id = ANY (CAST(:ids AS bigint[]))""".formatted(attemptDay, asOf("CAST(:today AS date)", "c"),
                        COUNTED_ATTEMPT))
                .param("today", today)
                .param("fa", DEFAULT_FIRST_ATTEMPT_DAYS)
                .param("fc", DEFAULT_FIRST_CONTACT_DAYS)
                .param("fm", DEFAULT_FIRST_MEASURE_DAYS)
                .param("ids", caseIds.stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(",", "{", "}")))
                .query((rs, n) -> state(rs))
                .list()
                .forEach(s -> states.put(s.caseId(), s));
        return states;
    }

    private static CaseState state(ResultSet rs) throws SQLException {
        LocalDate today = date(rs, "as_of");
        LocalDate entered = rs.getObject("entered", LocalDate.class);
        LocalDate firstAttempt = date(rs, "first_attempt");
        LocalDate firstContact = date(rs, "first_contact");
        ContactState contact = contactState(rs.getString("last_outcome"), firstAttempt, firstContact);
        return new CaseState(rs.getLong("id"), contact, date(rs, "next_attempt_due"),
                clock(entered, firstAttempt, rs.getInt("fa_days"), today),
                clock(entered, firstContact, rs.getInt("fc_days"), today),
                clock(entered, date(rs, "first_measure"), rs.getInt("fm_days"), today), today);
    }

    /**
     * The contact state from the latest outcome other than SENT and the first attempt and contact of
     * the current membership; the worklist derives it the same way.
     */
    static ContactState contactState(String lastOutcome, LocalDate firstAttempt, LocalDate firstContact) {
        if ("REFUSED".equals(lastOutcome)) {
            return ContactState.REFUSED;
        }
        if (firstContact != null) {
            return ContactState.REACHED;
        }
        return firstAttempt != null ? ContactState.TRIED_NOT_REACHED : ContactState.NOT_TRIED;
    }

    /**
     * One clock read on {@code asOf} (today, or a closed case's closing day – see {@link #asOf}): what
     * was done after that day does not stop it.
     */
    static DeadlineClock clock(LocalDate entered, LocalDate done, int target, LocalDate asOf) {
        LocalDate doneOn = done != null && done.isAfter(asOf) ? null : done;
        LocalDate today = asOf;
        long days = ChronoUnit.DAYS.between(entered, doneOn != null ? doneOn : today);
        return new DeadlineClock(target, doneOn, Math.max(0, days), doneOn == null && days > target);
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }
}
