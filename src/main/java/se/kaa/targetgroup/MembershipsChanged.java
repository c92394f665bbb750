package se.kaa.targetgroup;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/**
 * Published, in the transaction that logs a recomputation run, after the run's episodes were
 * committed: whose memberships were looked at (whether or not anything changed) and on which day.
 * {@code full} is true when listeners should bring all their state up to date instead of only that of
 * {@code personIds}: after a run over everyone (the catch-up after a start, one asked for by an
 * administrator, the daily run before everyone's due day is known), and after a run too large to name
 * its persons in an event. The daily run otherwise names the persons whose change point had come (a
 * 20th birthday changes who is a member without any new fact): nobody else's membership can have changed.
 *
 * @param batchId the import batch the run followed up, or {@code null}
 */
public record MembershipsChanged(Set<UUID> personIds, LocalDate asOf, boolean full, String cause, Long batchId) {

    public MembershipsChanged {
        personIds = personIds == null ? Set.of() : Set.copyOf(personIds);
    }

    public MembershipsChanged(Set<UUID> personIds, LocalDate asOf, boolean full, String cause) {
        this(personIds, asOf, full, cause, null);
    }
}
