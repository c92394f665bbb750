package se.kaa.targetgroup;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/**
 * Published after a recomputation has committed its episodes: whose memberships were looked at
 * (whether or not anything changed) and on which day. {@code full} is true for the daily run, which
 * looks at everyone: then listeners should bring all their state up to date, since a date passing
 * (a 20th birthday) changes who is a member without any new fact.
 */
public record MembershipsChanged(Set<UUID> personIds, LocalDate asOf, boolean full, String cause) {

    public MembershipsChanged {
        personIds = Set.copyOf(personIds);
    }
}
