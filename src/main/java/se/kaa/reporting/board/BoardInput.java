package se.kaa.reporting.board;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

import se.kaa.casework.PeriodRecords.PeriodRecord;
import se.kaa.shared.HalfYear;

/**
 * What the board report of one municipality and half-year is computed from.
 *
 * @param current                    the period records of {@code period}
 * @param yearBefore                 the records of {@code period.yearBefore()}; empty means "no data" (then
 *                                   {@code trend}'s entry for that half-year is used if it has one)
 * @param trend                      records per half-year, at least the six up to and including {@code period};
 *                                   on an H2 report {@code period.previous()} also gives the whole period.
 *                                   A missing half-year is shown as "no data"
 * @param population16to19           folkbokförda 16–19 in the municipality, or null when unknown
 * @param population16to19YearBefore the same a year earlier, or null
 * @param firstContactTargetDays     the municipality's target: days from registration to first contact
 * @param asOf                       the day the figures are read; before {@code period.last()} while the
 *                                   half-year is ongoing, never before {@code period.first()}
 */
public record BoardInput(String municipality, HalfYear period, List<PeriodRecord> current, List<PeriodRecord> yearBefore,
                         SortedMap<HalfYear, List<PeriodRecord>> trend, Integer population16to19,
                         Integer population16to19YearBefore, int firstContactTargetDays, LocalDate asOf,
                         NationalFigures national, Suppression suppression) {

    /** Half-years in time order (HalfYear is not Comparable). */
    public static final Comparator<HalfYear> CHRONOLOGICAL = Comparator.comparingInt(HalfYear::year).thenComparingInt(HalfYear::half);

    public BoardInput {
        if (municipality == null || municipality.isBlank()) {
            throw new IllegalArgumentException("municipality is required");
        }
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(national, "national");
        Objects.requireNonNull(suppression, "suppression");
        current = List.copyOf(Objects.requireNonNull(current, "current"));
        yearBefore = yearBefore == null ? List.of() : List.copyOf(yearBefore);
        TreeMap<HalfYear, List<PeriodRecord>> sorted = new TreeMap<>(CHRONOLOGICAL);
        if (trend != null) {
            trend.forEach((k, v) -> sorted.put(k, List.copyOf(v)));
        }
        trend = sorted;
        if (firstContactTargetDays < 0) {
            throw new IllegalArgumentException("firstContactTargetDays is not negative");
        }
        if (population16to19 != null && population16to19 < 0 || population16to19YearBefore != null && population16to19YearBefore < 0) {
            throw new IllegalArgumentException("a population is not negative");
        }
        if (asOf.isBefore(period.first())) {
            throw new IllegalArgumentException("asOf is not before the half-year's first day");
        }
    }
}
