package se.kaa.reporting.spec;

import java.util.List;
import java.util.Objects;

/**
 * A cross-field check of the period spec. A check is only about values that are present (not
 * missing or blank); a date check skips a value that is not a valid date, since the column's own
 * problem is reported already.
 *
 * @param id       unique within the spec (after repeat expansion)
 * @param column   the column checked
 * @param other    the column it depends on; null for the period checks (and an unconditional ONE_OF_IF)
 * @param values   the allowed values of ONE_OF_IF, else empty
 * @param message  Swedish text from the spec file, shown as it is
 */
public record Check(String id, Kind kind, String column, String other, List<String> values, Severity severity,
                    String message) {

    public enum Kind {
        /** {@code column} must be present when {@code other} is present. */
        REQUIRED_IF_PRESENT,
        /** {@code column} must be absent when {@code other} is absent. */
        ABSENT_IF_ABSENT,
        /** the date in {@code column} must not be before the date in {@code other} (both DATE). */
        NOT_BEFORE,
        /** the date in {@code column} must lie within the half-year reported (first and last day included). */
        WITHIN_PERIOD,
        /** the date in {@code column} must not be after the last day of the half-year reported. */
        NOT_AFTER_PERIOD,
        /**
         * {@code column}'s value must be one of {@code values} when {@code other} is present (absent is
         * not one of them); with no {@code other} the check always applies.
         */
        ONE_OF_IF;

        /** Whether the kind needs an {@code other} column. */
        public boolean needsOther() {
            return this == REQUIRED_IF_PRESENT || this == ABSENT_IF_ABSENT || this == NOT_BEFORE;
        }

        /** Whether the kind compares dates (its columns must be DATE). */
        public boolean onDates() {
            return this == NOT_BEFORE || this == WITHIN_PERIOD || this == NOT_AFTER_PERIOD;
        }
    }

    /** ERROR: SCB would refuse the file; WARNING: to look at, the file can still be sent. */
    public enum Severity { ERROR, WARNING }

    public Check {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(severity, "severity");
        values = values == null ? List.of() : List.copyOf(values);
    }
}
