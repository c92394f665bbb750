package se.kaa.reporting.board;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One value of the board report: a count, a percentage of a base, or both.
 *
 * <p>{@code percent} is 0–100 with one decimal (half up); {@code base} is its denominator. A suppressed
 * cell has {@code count}, {@code percent} and {@code base} null and a {@code note}; other cells may carry
 * a note too (why a percentage is missing). {@code note} is a message key, never Swedish text.
 * In a row of kind {@link BoardReport.RowKind#MEDIAN_DAYS} {@code count} is the median in whole days and
 * {@code base} the number of young people it is the median of.
 */
public record Cell(Long count, Double percent, Long base, boolean suppressed, String note) {

    /** A count 1–(minimum − 1) or hidden so that a total does not reveal another hidden cell. */
    public static final String SUPPRESSED = "reporting.board.cell.suppressed";
    /** A percentage or median of too few young people to be shown. */
    public static final String SUPPRESSED_BASE = "reporting.board.cell.suppressedBase";
    /** The count is shown, but its percentage is not: the base is too small or hidden. */
    public static final String PERCENT_HIDDEN = "reporting.board.cell.percentHidden";
    /** No one to compute a percentage or median of. */
    public static final String NO_BASE = "reporting.board.cell.noBase";
    /** No records for the column (e.g. the register was not in use a year earlier). */
    public static final String NO_DATA = "reporting.board.cell.noData";
    /** The number of folkbokförda 16–19 is not known, so the share cannot be computed. */
    public static final String POPULATION_MISSING = "reporting.board.cell.populationMissing";

    public Cell {
        if (count != null && count < 0) {
            throw new IllegalArgumentException("count is not negative");
        }
        if (base != null && base < 0) {
            throw new IllegalArgumentException("base is not negative");
        }
        if (percent != null && (percent.isNaN() || percent < 0)) {
            throw new IllegalArgumentException("percent is not negative");
        }
        if (suppressed && (count != null || percent != null || base != null || note == null)) {
            throw new IllegalArgumentException("a suppressed cell has no values and a note");
        }
    }

    /** A count without a percentage. */
    public static Cell count(long n) {
        return new Cell(n, null, null, false, null);
    }

    /** {@code n} of {@code base}, with its percentage; a base of 0 has no percentage ({@link #NO_BASE}). */
    public static Cell share(long n, long base) {
        if (base == 0) {
            return new Cell(n, null, 0L, false, NO_BASE);
        }
        return new Cell(n, percent(n, base), base, false, null);
    }

    /** A value that does not exist, with why. */
    public static Cell missing(String note) {
        return new Cell(null, null, null, false, note);
    }

    /** A hidden value, with the note saying why. */
    public static Cell hidden(String note) {
        return new Cell(null, null, null, true, note);
    }

    /** 100 · n / base, one decimal, half up. */
    public static double percent(long n, long base) {
        return BigDecimal.valueOf(n).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(base), 1, RoundingMode.HALF_UP).doubleValue();
    }

    /** This count without its percentage and base (the base is hidden or too small). */
    Cell withoutPercent(boolean keepBase) {
        return new Cell(count, null, keepBase ? base : null, false, PERCENT_HIDDEN);
    }

    /** True when there is a count or a percentage to show. */
    public boolean hasValue() {
        return count != null || percent != null;
    }
}
