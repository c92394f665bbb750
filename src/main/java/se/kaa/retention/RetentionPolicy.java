package se.kaa.retention;

import java.time.LocalDate;
import java.util.Objects;

import se.kaa.shared.MunicipalityCode;

/**
 * How long a municipality keeps one data class, in months after the class's anchor, and what then
 * happens to it.
 */
public record RetentionPolicy(MunicipalityCode municipality, RetentionClass dataClass, int months,
                              RetentionAction action, boolean isDefault) {

    public static final int MAX_MONTHS = 1200;

    public RetentionPolicy {
        Objects.requireNonNull(municipality, "municipality");
        Objects.requireNonNull(dataClass, "dataClass");
        Objects.requireNonNull(action, "action");
        if (months < 0 || months > MAX_MONTHS) {
            throw new IllegalArgumentException("months must be 0–" + MAX_MONTHS);
        }
        if (!dataClass.allows(action)) {
            throw new IllegalArgumentException(dataClass + " cannot be " + action);
        }
    }

    public static RetentionPolicy defaultFor(MunicipalityCode municipality, RetentionClass dataClass) {
        return new RetentionPolicy(municipality, dataClass, dataClass.defaultMonths(), dataClass.defaultAction(), true);
    }

    /** The first day data anchored on {@code anchor} is past its time (removed by that day's run). */
    public LocalDate dueOn(LocalDate anchor) {
        return anchor.plusMonths(months);
    }
}
