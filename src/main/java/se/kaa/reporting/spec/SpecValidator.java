package se.kaa.reporting.spec;

import java.nio.charset.CharsetEncoder;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Validates the records of one half-year against a spec: each column's presence and form, then the
 * spec's checks. Messages are Swedish and written for a case worker; they never contain the
 * personnummer or any value of a PERSONNUMMER column, and quote other values only when they cannot
 * be one (a code, a date – never a free text or anything holding ten or more digits).
 */
public final class SpecValidator {

    /** The yes/no codes of a YES_NO column that names no code list. */
    public static final List<String> DEFAULT_YES_NO = List.of("J", "N");

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final Pattern TWELVE_DIGITS = Pattern.compile("\\d{12}");
    private static final Pattern MUNICIPALITY = Pattern.compile("\\d{4}");
    private static final Pattern PERIOD = Pattern.compile("\\d{4}H[12]");

    private SpecValidator() {
    }

    /**
     * Validates records (column name -> value already in the spec's form: codes mapped, dates
     * yyyy-MM-dd, YES_NO as the spec's yes/no codes; a missing or blank value is absent) for the
     * period {@code periodFirst..periodLast}. A column's problem is reported once per record (the
     * first found), each failing check separately; a key that is no column of the spec is a problem
     * too. Problems come in record order, then column order, then check order.
     */
    public static List<RecordProblem> validate(ReturnSpec spec, LocalDate periodFirst, LocalDate periodLast,
                                               List<Map<String, String>> records) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(periodFirst, "periodFirst");
        Objects.requireNonNull(periodLast, "periodLast");
        if (periodLast.isBefore(periodFirst)) {
            throw new IllegalArgumentException("periodLast before periodFirst");
        }
        Set<String> names = new HashSet<>();
        spec.columns().forEach(c -> names.add(c.name()));
        CharsetEncoder encoder = spec.output().charset().newEncoder();
        String period = halfYear(periodFirst, periodLast);
        List<RecordProblem> problems = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Map<String, String> record = records.get(i);
            Secrets secrets = Secrets.of(spec, record);
            for (Column column : spec.columns()) {
                String value = record.get(column.name());
                String problem;
                if (absent(value)) {
                    problem = column.mandatory() ? "Kolumnen " + column.name() + ": värde saknas, men kolumnen ("
                            + column.label() + ") är obligatorisk." : null;
                } else {
                    problem = columnProblem(spec, column, value, periodFirst, periodLast, period, encoder, secrets);
                }
                if (problem != null) {
                    problems.add(new RecordProblem(i, column.name(), problem, Check.Severity.ERROR));
                }
            }
            for (String key : new TreeSet<>(record.keySet())) {
                if (!names.contains(key)) {
                    problems.add(new RecordProblem(i, key, secrets.say(key,
                            "Kolumnen " + key + " finns inte i specifikationen " + spec.id() + " version " + spec.version() + ".",
                            "En kolumn som inte finns i specifikationen " + spec.id() + " version " + spec.version() + " har fått ett värde."),
                            Check.Severity.ERROR));
                }
            }
            for (Check check : spec.checks()) {
                if (fails(check, record, periodFirst, periodLast)) {
                    problems.add(new RecordProblem(i, check.column(), check.message(), check.severity()));
                }
            }
        }
        return problems;
    }

    /** Whether a personnummer's last ten digits end with a valid Luhn check digit (12 digits expected). */
    public static boolean luhnValid(String twelveDigits) {
        if (twelveDigits == null || !TWELVE_DIGITS.matcher(twelveDigits).matches()) {
            return false;
        }
        int sum = 0;
        for (int i = 2; i < 12; i++) {
            int d = twelveDigits.charAt(i) - '0';
            if ((i - 2) % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    private static String columnProblem(ReturnSpec spec, Column column, String value, LocalDate first, LocalDate last,
                                        String period, CharsetEncoder encoder, Secrets secrets) {
        String c = "Kolumnen " + column.name() + ": ";
        switch (column.type()) {
            case TEXT -> {
                // free text: only length and charset below; never quoted, it may hold anything
            }
            case DATE -> {
                if (date(value) == null) {
                    return secrets.say(value, c + "datumet " + value + " är inte ett giltigt datum (ÅÅÅÅ-MM-DD).",
                            c + "värdet är inte ett giltigt datum (ÅÅÅÅ-MM-DD).");
                }
            }
            case INTEGER -> {
                if (!INTEGER.matcher(value).matches()) {
                    return secrets.say(value, c + value + " är inte ett heltal.", c + "värdet är inte ett heltal.");
                }
            }
            case PERSONNUMMER -> {
                if (!TWELVE_DIGITS.matcher(value).matches()) {
                    return c + "personnumret ska bestå av 12 siffror (ÅÅÅÅMMDDNNNK) utan bindestreck.";
                }
                if (!luhnValid(value)) {
                    return c + "personnumrets kontrollsiffra stämmer inte.";
                }
            }
            case MUNICIPALITY -> {
                if (!MUNICIPALITY.matcher(value).matches()) {
                    return secrets.say(value, c + value + " är inte en kommunkod (fyra siffror).",
                            c + "värdet är inte en kommunkod (fyra siffror).");
                }
            }
            case PERIOD -> {
                if (!PERIOD.matcher(value).matches()) {
                    return secrets.say(value, c + value + " är inte en period på formen ÅÅÅÅH1 eller ÅÅÅÅH2.",
                            c + "värdet är inte en period på formen ÅÅÅÅH1 eller ÅÅÅÅH2.");
                }
                if (period != null && !period.equals(value)) {
                    return c + "perioden " + value + " är inte den period som rapporteras (" + period + ").";
                }
            }
            case CODE, YES_NO -> {
                String problem = codeProblem(spec, column, value, first, last, secrets);
                if (problem != null) {
                    return problem;
                }
            }
        }
        if (column.length() != null && value.length() > column.length()) {
            return c + "värdet har " + value.length() + " tecken men får ha högst " + column.length() + ".";
        }
        if (!encoder.canEncode(value)) {
            return c + "värdet innehåller tecken som inte kan skrivas i filens teckenkodning (" + spec.output().charset().name() + ").";
        }
        return null;
    }

    private static String codeProblem(ReturnSpec spec, Column column, String value, LocalDate first, LocalDate last,
                                      Secrets secrets) {
        String c = "Kolumnen " + column.name() + ": ";
        Optional<CodeList> list = spec.codeList(column.codeList());
        if (list.isEmpty()) {
            if (column.type() == Column.Type.YES_NO && !DEFAULT_YES_NO.contains(value)) {
                return secrets.say(value, c + value + " är varken J eller N.", c + "värdet är varken J eller N.");
            }
            return null;
        }
        CodeList codes = list.get();
        String named = "kodlistan " + codes.name() + (codes.label() == null ? "" : " (" + codes.label() + ")");
        Optional<CodeList.Code> code = codes.code(value);
        if (code.isEmpty()) {
            return secrets.say(value, c + "koden " + value + " finns inte i " + named + ".", c + "värdet är ingen kod i " + named + ".");
        }
        if (codes.valid(value, first, last).isEmpty()) {
            CodeList.Code k = code.get();
            return c + "koden " + value + " i " + named + " gäller inte under perioden " + first + "–" + last + " (den gäller "
                    + (k.validFrom() == null ? "" : "från och med " + k.validFrom() + (k.validTo() == null ? "" : " ")) 
                    + (k.validTo() == null ? "" : "till och med " + k.validTo()) + ").";
        }
        return null;
    }

    private static boolean fails(Check check, Map<String, String> record, LocalDate first, LocalDate last) {
        String value = record.get(check.column());
        String other = check.other() == null ? null : record.get(check.other());
        return switch (check.kind()) {
            case REQUIRED_IF_PRESENT -> !absent(other) && absent(value);
            case ABSENT_IF_ABSENT -> absent(other) && !absent(value);
            case NOT_BEFORE -> {
                LocalDate date = date(value);
                LocalDate otherDate = date(other);
                yield date != null && otherDate != null && date.isBefore(otherDate);
            }
            case WITHIN_PERIOD -> {
                LocalDate date = date(value);
                yield date != null && (date.isBefore(first) || date.isAfter(last));
            }
            case NOT_AFTER_PERIOD -> {
                LocalDate date = date(value);
                yield date != null && date.isAfter(last);
            }
            case ONE_OF_IF -> (check.other() == null || !absent(other)) && (absent(value) || !check.values().contains(value));
        };
    }

    static boolean absent(String value) {
        return value == null || value.isBlank();
    }

    /** The date in a yyyy-MM-dd value, null when absent or not a valid date. */
    static LocalDate date(String value) {
        if (value == null || !DATE.matcher(value).matches()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** "2026H2" when first..last is exactly a half-year, else null. */
    static String halfYear(LocalDate first, LocalDate last) {
        if (first.getYear() != last.getYear()) {
            return null;
        }
        if (MonthDay.from(first).equals(MonthDay.of(1, 1)) && MonthDay.from(last).equals(MonthDay.of(6, 30))) {
            return first.getYear() + "H1";
        }
        if (MonthDay.from(first).equals(MonthDay.of(7, 1)) && MonthDay.from(last).equals(MonthDay.of(12, 31))) {
            return first.getYear() + "H2";
        }
        return null;
    }

    /** The record's personnummer values, which no message may contain. */
    private record Secrets(List<String> values) {

        static Secrets of(ReturnSpec spec, Map<String, String> record) {
            List<String> values = new ArrayList<>();
            for (Column c : spec.columns()) {
                String v = c.type() == Column.Type.PERSONNUMMER ? record.get(c.name()) : null;
                if (!absent(v)) {
                    values.add(v.strip());
                }
            }
            return new Secrets(values);
        }

        /**
         * The message quoting the value when that is safe (short, fewer than ten digits, the message
         * holds no personnummer of the record), else the message without it.
         */
        String say(String value, String quoting, String withoutValue) {
            if (value.length() > 40 || value.chars().filter(Character::isDigit).count() >= 10) {
                return withoutValue;
            }
            for (String secret : values) {
                if (quoting.contains(secret)) {
                    return withoutValue;
                }
            }
            return quoting;
        }
    }
}
