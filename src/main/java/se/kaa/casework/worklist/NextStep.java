package se.kaa.casework.worklist;


import java.time.LocalDate;

import se.kaa.casework.cases.CaseStates.DeadlineClock;

/**
 * The single next thing to do on an open case, as the worklist line shows it: the first of these that
 * applies, in this order –
 * <ol>
 * <li>{@code FIRST_ATTEMPT}: no contact attempt since entry (the first-attempt clock: days, target);</li>
 * <li>{@code ATTEMPT_DUE}: the next attempt planned at the latest attempt is due ({@code date});</li>
 * <li>{@code FIRST_CONTACT}: tried, not yet reached (the first-contact clock);</li>
 * <li>{@code FOLLOW_UP_DUE}: a running measure's follow-up is due ({@code date});</li>
 * <li>{@code FIRST_MEASURE}: reached, no measure offered since entry (the first-measure clock);</li>
 * <li>{@code TURNING_20}: she turns 20 within {@value Worklist#TURNING_20_DAYS} days ({@code date});</li>
 * <li>{@code MEASURE_ENDING}: a running measure ends within {@value Worklist#MEASURE_ENDING_DAYS} days ({@code date});</li>
 * <li>{@code CONFIRM_OCCUPATION}: her latest occupation is no longer current ({@code date} it expired);</li>
 * <li>{@code NOTHING_DUE}: nothing due – the next planned date if any ({@code date}), else nothing.</li>
 * </ol>
 * Built from the worklist's row only (its categories and clocks, {@link Worklist}), so the line
 * agrees with the counts and filters on the same page. {@code overdueDays}: how far the most overdue
 * clock is past its target (0: none is).
 */
public record NextStep(Kind kind, Long days, Integer targetDays, LocalDate date, int overdueDays) {

    public enum Kind {
        FIRST_ATTEMPT, ATTEMPT_DUE, FIRST_CONTACT, FOLLOW_UP_DUE, FIRST_MEASURE, TURNING_20, MEASURE_ENDING,
        CONFIRM_OCCUPATION, NOTHING_DUE
    }

    public boolean overdue() {
        return overdueDays > 0;
    }


    public static NextStep of(Worklist.Row row, LocalDate today) {
        int overdue = row.overdueDays();
        DeadlineClock attempt = row.firstAttempt();
        if (!attempt.done()) {
            return clock(Kind.FIRST_ATTEMPT, attempt, overdue);
        }
        if (row.categories().contains(Worklist.Category.ATTEMPT_DUE)) {
            return new NextStep(Kind.ATTEMPT_DUE, null, null, row.nextAttemptDue(), overdue);
        }
        DeadlineClock contact = row.firstContact();
        if (!contact.done()) {
            return clock(Kind.FIRST_CONTACT, contact, overdue);
        }
        if (row.categories().contains(Worklist.Category.FOLLOW_UP_DUE)) {
            return new NextStep(Kind.FOLLOW_UP_DUE, null, null, row.followUp(), overdue);
        }
        DeadlineClock measure = row.firstMeasure();
        if (!measure.done()) {
            return clock(Kind.FIRST_MEASURE, measure, overdue);
        }
        if (row.categories().contains(Worklist.Category.TURNING_20)) {
            return new NextStep(Kind.TURNING_20, null, null, row.turns20(), overdue);
        }
        if (row.categories().contains(Worklist.Category.MEASURE_ENDING)) {
            return new NextStep(Kind.MEASURE_ENDING, null, null, row.measureEnds(), overdue);
        }
        if (row.categories().contains(Worklist.Category.OCCUPATION_STALE)) {
            return new NextStep(Kind.CONFIRM_OCCUPATION, null, null, row.occupationExpires(), overdue);
        }
        LocalDate planned = earliest(row.nextAttemptDue(), row.followUp(), today);
        return new NextStep(Kind.NOTHING_DUE, null, null, planned, overdue);
    }

    private static NextStep clock(Kind kind, DeadlineClock clock, int overdue) {
        return new NextStep(kind, clock.days(), clock.targetDays(), null, overdue);
    }

    /** The earliest of the dates after today, or null. */
    private static LocalDate earliest(LocalDate a, LocalDate b, LocalDate today) {
        LocalDate first = null;
        for (LocalDate d : new LocalDate[] {a, b}) {
            if (d != null && d.isAfter(today) && (first == null || d.isBefore(first))) {
                first = d;
            }
        }
        return first;
    }
}
