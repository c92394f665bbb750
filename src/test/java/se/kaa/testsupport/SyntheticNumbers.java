package se.kaa.testsupport;

import java.time.LocalDate;

/**
 * Checksum-valid personnummer made up at run time for benchmarks (never committed): the birth date
 * and a serial of three digits, with the Luhn check digit. Up to 1,000 different persons per day of
 * birth. They may coincide with real persons' numbers, which is why they exist only in a benchmark's
 * own database and are never printed.
 */
public final class SyntheticNumbers {

    private SyntheticNumbers() {
    }

    /** The twelve-digit number of the {@code serial}th person (0–999) born on {@code birth}. */
    public static String personnummer(LocalDate birth, int serial) {
        if (serial < 0 || serial > 999) {
            throw new IllegalArgumentException("A serial is three digits");
        }
        String nine = String.format("%02d%02d%02d%03d", birth.getYear() % 100, birth.getMonthValue(),
                birth.getDayOfMonth(), serial);
        return birth.getYear() / 100 + nine + luhn(nine);
    }

    private static int luhn(String nine) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            int d = (nine.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            sum += d > 9 ? d - 9 : d;
        }
        return (10 - sum % 10) % 10;
    }
}
