package se.kaa.shared;

import java.time.LocalDate;

/** A reporting half-year: H1 is January–June, H2 July–December. */
public record HalfYear(int year, int half) {

    public HalfYear {
        if (half != 1 && half != 2) {
            throw new IllegalArgumentException("half is 1 or 2");
        }
    }

    /** {@code 2026H2}; anything else is an {@link IllegalArgumentException}. */
    public static HalfYear parse(String text) {
        if (text == null || !text.matches("[0-9]{4}H[12]")) {
            throw new IllegalArgumentException("A half-year is written 2026H1 or 2026H2");
        }
        return new HalfYear(Integer.parseInt(text.substring(0, 4)), text.charAt(5) - '0');
    }

    /** The half-year before this one. */
    public HalfYear previous() {
        return half == 2 ? new HalfYear(year, 1) : new HalfYear(year - 1, 2);
    }

    /** The half-year a year before this one (the same half of the year before). */
    public HalfYear yearBefore() {
        return new HalfYear(year - 1, half);
    }

    public static HalfYear of(LocalDate date) {
        return new HalfYear(date.getYear(), date.getMonthValue() <= 6 ? 1 : 2);
    }

    public LocalDate first() {
        return half == 1 ? LocalDate.of(year, 1, 1) : LocalDate.of(year, 7, 1);
    }

    public LocalDate last() {
        return half == 1 ? LocalDate.of(year, 6, 30) : LocalDate.of(year, 12, 31);
    }

    @Override
    public String toString() {
        return year + "H" + half;
    }
}
