package se.kaa.shared;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;

/**
 * A Swedish personnummer or samordningsnummer (coordination number, day of birth + 60).
 *
 * <p>Accepts 12 digits ({@code YYYYMMDDNNNC}, with or without {@code -}) and 10 digits
 * ({@code YYMMDD-NNNC}, {@code YYMMDDNNNC} or {@code YYMMDD+NNNC} for people aged 100 or more),
 * resolving the century of a 10-digit number against a reference date. The check digit (Luhn)
 * and the date are always verified.
 *
 * <p>{@link #toString()} masks the number so it can never reach a log or an error message in
 * clear; use {@link #value()} (12 digits) or {@link #formatted()} where the number must be shown.
 */
public final class PersonalIdentityNumber implements Comparable<PersonalIdentityNumber> {

    /** Why a text is not a valid number; {@link #messageKey()} names the Swedish UI text. */
    public enum Reason {
        EMPTY("is empty"),
        FORMAT("must be 10 or 12 digits, optionally with - or + before the last four"),
        DATE("does not contain a valid date of birth"),
        FUTURE("has a date of birth in the future"),
        CHECK_DIGIT("has a wrong check digit");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }

        public String messageKey() {
            return "pin.invalid." + name();
        }
    }

    /** Thrown for a text that is not a valid number; its message never contains the text. */
    public static final class InvalidException extends IllegalArgumentException {
        private final Reason reason;

        InvalidException(Reason reason) {
            super("Personal identity number " + reason.description());
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    private final String digits; // 12 digits YYYYMMDDNNNC
    private final LocalDate birthDate;

    private PersonalIdentityNumber(String digits, LocalDate birthDate) {
        this.digits = digits;
        this.birthDate = birthDate;
    }

    /** Parses a 12-digit number, or a 10-digit one with its century resolved against today. */
    public static PersonalIdentityNumber parse(String text) {
        return parse(text, LocalDate.now());
    }

    /**
     * Parses a number; a 10-digit form gets the century that makes the person born on or before
     * {@code referenceDate} and younger than 100 ({@code +}: 100 or older) on that date.
     */
    public static PersonalIdentityNumber parse(String text, LocalDate referenceDate) {
        Objects.requireNonNull(referenceDate, "referenceDate");
        if (text == null || text.isBlank()) {
            throw new InvalidException(Reason.EMPTY);
        }
        String s = text.strip();
        boolean centenarian = false;
        int sep = Math.max(s.indexOf('-'), s.indexOf('+'));
        if (sep >= 0) {
            if (sep != s.length() - 5 || s.indexOf('-') >= 0 && s.indexOf('+') >= 0
                    || s.indexOf(s.charAt(sep), sep + 1) >= 0) {
                throw new InvalidException(Reason.FORMAT);
            }
            centenarian = s.charAt(sep) == '+';
            s = s.substring(0, sep) + s.substring(sep + 1);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidException(Reason.FORMAT);
            }
        }
        String full;
        if (s.length() == 12) {
            if (centenarian) {
                // '+' only makes sense in the 10-digit form; a 12-digit number carries its century.
                throw new InvalidException(Reason.FORMAT);
            }
            full = s;
        } else if (s.length() == 10) {
            full = resolveCentury(s, referenceDate, centenarian) + s;
        } else {
            throw new InvalidException(Reason.FORMAT);
        }
        LocalDate birth = birthDateOf(full);
        if (birth == null) {
            throw new InvalidException(Reason.DATE);
        }
        if (!luhnValid(full.substring(2))) {
            throw new InvalidException(Reason.CHECK_DIGIT);
        }
        if (birth.isAfter(referenceDate) && s.length() == 12) {
            throw new InvalidException(Reason.FUTURE);
        }
        return new PersonalIdentityNumber(full, birth);
    }

    /** Parses a number without the reference-date plausibility check (for stored 12-digit values). */
    public static PersonalIdentityNumber ofStored(String twelveDigits) {
        return parse(twelveDigits, LocalDate.MAX);
    }

    /** True when {@code text} parses; never throws. */
    public static boolean isValid(String text, LocalDate referenceDate) {
        try {
            parse(text, referenceDate);
            return true;
        } catch (InvalidException e) {
            return false;
        }
    }

    private static String resolveCentury(String ten, LocalDate reference, boolean centenarian) {
        int yy = Integer.parseInt(ten.substring(0, 2));
        int refYear = reference.getYear();
        int century = refYear / 100;
        // Try the latest century that gives a birth on or before the reference date.
        for (int c = century; c >= century - 2; c--) {
            String candidate = String.format("%02d", c) + ten;
            LocalDate birth = birthDateOf(candidate);
            int year = c * 100 + yy;
            if (birth == null) {
                // An invalid date: let the caller report DATE with the most plausible century.
                if (year <= refYear) {
                    return String.format("%02d", c);
                }
                continue;
            }
            if (birth.isAfter(reference)) {
                continue;
            }
            int age = Period.between(birth, reference).getYears();
            if (centenarian ? age >= 100 : age < 100) {
                return String.format("%02d", c);
            }
        }
        return String.format("%02d", century - 1);
    }

    private static LocalDate birthDateOf(String twelve) {
        int year = Integer.parseInt(twelve.substring(0, 4));
        int month = Integer.parseInt(twelve.substring(4, 6));
        int day = Integer.parseInt(twelve.substring(6, 8));
        if (day > 60) {
            day -= 60; // samordningsnummer
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean luhnValid(String tenDigits) {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            int d = tenDigits.charAt(i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    /** The twelve digits, {@code YYYYMMDDNNNC}. */
    public String value() {
        return digits;
    }

    /** {@code YYYYMMDD-NNNC}, for screens and files where the number must be shown. */
    public String formatted() {
        return digits.substring(0, 8) + "-" + digits.substring(8);
    }

    /** {@code YYYYMMDD-****}: safe for logs and error messages. */
    public String masked() {
        return digits.substring(0, 8) + "-****";
    }

    public LocalDate birthDate() {
        return birthDate;
    }

    public boolean isCoordinationNumber() {
        return Integer.parseInt(digits.substring(6, 8)) > 60;
    }

    /** The date of the given birthday (20 for the end of the target group). */
    public LocalDate birthday(int age) {
        return birthDate.plusYears(age);
    }

    public int ageOn(LocalDate date) {
        return Period.between(birthDate, date).getYears();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PersonalIdentityNumber other && digits.equals(other.digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    @Override
    public int compareTo(PersonalIdentityNumber o) {
        return digits.compareTo(o.digits);
    }

    @Override
    public String toString() {
        return masked();
    }
}
