package se.kaa.intake.internal;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import se.kaa.shared.MunicipalityCode;
import se.kaa.shared.PersonalIdentityNumber;

/**
 * One data row being validated: reads fields by column name and collects every problem, so that a
 * row is reported with all that is wrong with it at once. Messages never contain the value.
 */
final class Row {

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    static final int MAX_TEXT = 200;

    private final Header header;
    private final List<String> fields;
    private final IntakeMessages messages;
    final List<RowProblem> problems = new ArrayList<>();

    Row(Header header, List<String> fields, IntakeMessages messages) {
        this.header = header;
        this.fields = fields;
        this.messages = messages;
    }

    boolean valid() {
        return problems.isEmpty();
    }

    void problem(String column, String key, Object... args) {
        problems.add(new RowProblem(column, messages.get(key, args)));
    }

    /** The stripped value as it stands, recording no problem; {@code null} when empty or absent. */
    String rawText(String column) {
        int index = header.indexOf(column);
        if (index < 0 || index >= fields.size()) {
            return null;
        }
        String value = fields.get(index).strip();
        return value.isEmpty() || value.length() > 20 ? null : value;
    }

    /** The stripped value, {@code null} when empty. */
    String text(String column) {
        int index = header.indexOf(column);
        if (index < 0 || index >= fields.size()) {
            return null;
        }
        String value = fields.get(index).strip();
        if (!value.isEmpty() && value.charAt(0) == '\uFEFF') {
            value = value.substring(1).strip();
        }
        if (value.length() > MAX_TEXT) {
            problem(column, "intake.row.too-long", MAX_TEXT);
            return null;
        }
        return value.isEmpty() ? null : value;
    }

    String required(String column) {
        String value = text(column);
        if (value == null && !hasProblem(column)) {
            problem(column, "intake.row.required", column);
        }
        return value;
    }

    PersonalIdentityNumber pin(String column, LocalDate referenceDate) {
        String value = text(column);
        try {
            return PersonalIdentityNumber.parse(value, referenceDate);
        } catch (PersonalIdentityNumber.InvalidException e) {
            problem(column, "intake.row.pin." + e.reason().name());
            return null;
        }
    }

    LocalDate date(String column, boolean required) {
        String value = required ? required(column) : text(column);
        if (value == null) {
            return null;
        }
        if (ISO_DATE.matcher(value).matches()) {
            try {
                return LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE);
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        problem(column, "intake.row.date");
        return null;
    }

    <E extends Enum<E>> E choice(String column, Class<E> type, boolean required) {
        String value = required ? required(column) : text(column);
        if (value == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        problem(column, "intake.row.choice", Arrays.stream(type.getEnumConstants()).map(Enum::name)
                .collect(Collectors.joining(", ")));
        return null;
    }

    Boolean yesNo(String column) {
        String value = required(column);
        if (value == null) {
            return null;
        }
        if (value.equalsIgnoreCase("JA")) {
            return true;
        }
        if (value.equalsIgnoreCase("NEJ")) {
            return false;
        }
        problem(column, "intake.row.choice", "JA, NEJ");
        return null;
    }

    String digits(String column, int count, boolean required) {
        String value = required ? required(column) : text(column);
        if (value == null) {
            return null;
        }
        if (value.length() != count || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            problem(column, "intake.row.digits", count);
            return null;
        }
        return value;
    }

    MunicipalityCode municipality(String column) {
        String value = digits(column, 4, true);
        return value == null ? null : MunicipalityCode.of(value);
    }

    /** A programme code, upper-cased (NA, TE, IMYRK …). */
    String code(String column, boolean required) {
        String value = required ? required(column) : text(column);
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    private boolean hasProblem(String column) {
        return problems.stream().anyMatch(p -> column.equals(p.column()));
    }
}
