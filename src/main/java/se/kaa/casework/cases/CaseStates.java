package se.kaa.casework.cases;


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
 * <p>The facts they are read from – first attempt, first contact, latest outcome and next attempt
 * due, first measure, follow-up and end dates of the measures running, the latest occupation – have
 * one definition, the database function {@code casework_refresh_case_state} (V027), and are kept in
 * {@code casework_case_state} by triggers whenever a case's records or entry day change, whoever
 * writes them. This class and {@link se.kaa.casework.worklist.Worklist} read the kept facts and apply the targets and
 * {@link #asOf} (a closed case's clocks stop on its closing day) the same way; {@code KeptCaseStateTest}
 * shows the kept facts equal a fresh computation after every kind of write.
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

    /**
     * The day a case's clocks are read on, in SQL: today for an open case, its closing day for a closed
     * one – a closed case's clocks stop. {@code today} is an SQL date expression, {@code kase} the alias
     * of {@code casework_case}.
     */
    public static String asOf(String today, String kase) {
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
        jdbc.sql("""
                SELECT c.id, c.entered,
                       COALESCE(s.first_attempt_days, :fa) AS fa_days,
                       COALESCE(s.first_contact_days, :fc) AS fc_days,
                       COALESCE(s.first_measure_days, :fm) AS fm_days,
                       st.first_attempt, st.first_contact, st.last_outcome, st.next_attempt_due,
                       st.first_measure, %s AS as_of
                FROM casework_case c
                LEFT JOIN casework_settings s ON s.municipality = c.municipality
                LEFT JOIN casework_case_state st ON st.case_id = c.id
                WHERE c.id = ANY (CAST(:ids AS bigint[]))""".formatted(asOf("CAST(:today AS date)", "c")))
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
    public static ContactState contactState(String lastOutcome, LocalDate firstAttempt, LocalDate firstContact) {
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
    public static DeadlineClock clock(LocalDate entered, LocalDate done, int target, LocalDate asOf) {
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
