package se.kaa.retention;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import se.kaa.shared.MunicipalityCode;

/**
 * A module that keeps data of a retention class in its own tables (casework: contact log, notes,
 * occupations, measures and plans; audit: the audit log) takes part in every retention run by
 * implementing this as a bean. The retention module then shows the class as applied, adds the
 * participant's counts to the dry run and to the run log, and calls it before a person's identity
 * data is removed.
 *
 * <p>A participant applies the municipality's policy itself: {@link RetentionPolicy#dueOn} of the
 * record's anchor – the person's anchor ({@link RetentionAnchor}) for person-anchored classes, the
 * record's own date otherwise – is the first day the record is removed.
 */
public interface RetentionParticipant {

    /** The class this participant keeps. */
    RetentionClass dataClass();

    /** How many records each municipality would remove on {@code asOf} (the dry run); removes nothing. */
    Map<MunicipalityCode, Integer> countDue(LocalDate asOf, Function<MunicipalityCode, RetentionPolicy> policies);

    /** Removes what is due on {@code asOf}, in the caller's transaction; how many per municipality. */
    Map<MunicipalityCode, Integer> removeDue(LocalDate asOf, Function<MunicipalityCode, RetentionPolicy> policies);

    /**
     * Called in the same transaction just before the person's identity data is removed: remove, or
     * detach from her, every record that refers to her.
     */
    default void beforePersonRemoved(UUID personId) {
    }
}
