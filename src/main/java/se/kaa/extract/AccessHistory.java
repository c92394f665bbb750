package se.kaa.extract;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Who has read or changed a person's data, for her register extract. The audit module implements
 * this port from its log; until it does, the installation has no access history to give and
 * {@link #recorded()} says so, so that the extract does not claim that nobody has looked.
 */
public interface AccessHistory {

    /** Every logged access to the person's data, oldest first. */
    List<Access> accessesTo(UUID personId);

    /** False when this installation keeps no access log to read from. */
    default boolean recorded() {
        return true;
    }

    /**
     * One logged access.
     *
     * @param actor   the user or API client (or system job)
     * @param action  e.g. {@code PERSON_VIEWED}
     * @param kind    {@code READ} or {@code WRITE}
     * @param context the page, endpoint or job, never a personnummer
     */
    record Access(Instant at, String actor, String action, String kind, String municipality, String context) {
    }
}
