package se.kaa.shared;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;

/**
 * A Swedish personnummer or samordningsnummer (coordination number, day of birth + 60).
 *
 * <p>Accepts 12 digits ({@code YYYYMMDDNNNC}, with or without {@code -}) and 10 digits
 * ({@code YYMMDD-NNNC}, {@code YYMMDDNNNC} or {@code YYMMDD+NNNC} from the year the person turns
 * 100), resolving the century of a 10-digit number against a reference date. The check digit (Luhn)
 * and the date are always verified.
 *
 * <p>Skatteverket writes month {@code 00} and/or day {@code 00} (day digits {@code 60}) in a
 * samordningsnummer when the month or day of birth cannot be established; such a number is valid,
 * {@link #isBirthDateComplete()} is false and {@link #birthDate()} is the first possible day.
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
     * Parses a number; a 10-digit form with {@code -} (or none) gets the latest century that makes
     * the person born on or before {@code referenceDate} and younger than 100 on that date; with
     * {@code +} the latest century that makes the person turn 100 in the reference year or earlier
     * (Skatteverket changes the hyphen to a plus "det år en person fyller 100 år", 18 § FOL).
     */
    public static PersonalIdentityNumber parse(String text, LocalDate referenceDate) {
        return parse(text, referenceDate, true);
    }

    private static PersonalIdentityNumber parse(String text, LocalDate referenceDate, boolean tenDigitsAllowed) {
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
        } else if (s.length() == 10 && tenDigitsAllowed) {
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

    /**
     * Parses a stored 12-digit value without the reference-date plausibility check; a 10-digit text
     * is a {@link Reason#FORMAT} error, as a stored value always carries its century.
     */
    public static PersonalIdentityNumber ofStored(String twelveDigits) {
        return parse(twelveDigits, LocalDate.MAX, false);
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
            boolean fits = centenarian
                    ? year <= refYear - 100 // '+' from 1 January of the year the person turns 100
                    : Period.between(birth, reference).getYears() < 100;
            if (fits) {
                return String.format("%02d", c);
            }
        }
        return String.format("%02d", century - 1);
    }

    private static LocalDate birthDateOf(String twelve) {
        int year = Integer.parseInt(twelve.substring(0, 4));
        int month = Integer.parseInt(twelve.substring(4, 6));
        int day = Integer.parseInt(twelve.substring(6, 8));
        if (day >= 60) {
            // Samordningsnummer: day + 60. Month 00 and day 00 mean "unknown" (Skatteverket assigns
            // them when the month or day of birth cannot be established): use the first possible day.
            day -= 60;
            if (month == 0) {
                month = 1;
            }
            if (day == 0) {
                day = 1;
            }
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

    /**
     * The date of birth. For a samordningsnummer with an unknown month or day (00) it is the first
     * possible day: January for an unknown month, the 1st for an unknown day.
     */
    public LocalDate birthDate() {
        return birthDate;
    }

    /** True for a samordningsnummer (day of birth + 60). */
    public boolean isCoordinationNumber() {
        return Integer.parseInt(digits.substring(6, 8)) >= 60;
    }

    /**
     * False for a samordningsnummer whose month or day of birth is unknown (00), where
     * {@link #birthDate()}, {@link #ageOn} and {@link #birthday} are based on the first possible day.
     */
    public boolean isBirthDateComplete() {
        return !isCoordinationNumber() || !digits.startsWith("00", 4) && !digits.startsWith("60", 6);
    }

    /**
     * The date of the given birthday (20 for the end of the target group). For a birth on
     * 29 February it is 28 February in other years: lag (1930:173) om beräkning av lagstadgad tid,
     * 1 §, takes the last day of the month when the end month has no matching day.
     */
    public LocalDate birthday(int age) {
        return birthDate.plusYears(age);
    }

    /**
     * The age in whole years on {@code date}; it goes up on {@link #birthday}, which is 28 February
     * in other years for a birth on 29 February.
     */
    public int ageOn(LocalDate date) {
        return ageOn(birthDate, date);
    }

    /** {@link #ageOn(LocalDate)} of a person born on {@code birthDate}: the one definition of an age. */
    public static int ageOn(LocalDate birthDate, LocalDate date) {
        int years = Period.between(birthDate, date).getYears();
        if (!date.isBefore(birthDate) && !birthDate.plusYears(years + 1).isAfter(date)) {
            years++; // born 29 February: Period waits for 1 March, the birthday is 28 February
        }
        return years;
    }

    /**
     * The latest birth date of someone who is {@code age} or older on {@code date} by {@link #ageOn}:
     * born on or before it. For a query over birth dates ("aged 17": after the date for 18, on or
     * before the one for 17) that agrees with {@code ageOn} on every day, 28 February included.
     */
    public static LocalDate bornOnOrBefore(int age, LocalDate date) {
        LocalDate latest = date.minusYears(age);
        if (date.getMonthValue() == 2 && date.getDayOfMonth() == 28 && !date.isLeapYear() && latest.isLeapYear()) {
            latest = latest.plusDays(1); // 29 February: that birthday falls on 28 February this year
        }
        return latest;
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
