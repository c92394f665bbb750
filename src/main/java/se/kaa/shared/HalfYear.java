package se.kaa.shared;

import java.time.LocalDate;

/** A reporting half-year: H1 is January–June, H2 July–December. */
public record HalfYear(int year, int half) {

    public HalfYear {
        if (half != 1 && half != 2) {
            throw new IllegalArgumentException("half is 1 or 2");
        }
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
