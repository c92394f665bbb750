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
     * One logged access, as the audit log holds it. The extract never shows these fields as they are:
     * it says each access as a Swedish sentence ({@code AccessSentences}).
     *
     * @param actor     the user or API client (or system job)
     * @param systemJob the actor is a system job, not a signed-in user or API client
     * @param action    e.g. {@code PERSON_VIEWED}
     * @param kind      {@code READ} or {@code WRITE}
     * @param context   the page, endpoint or job, never a personnummer
     * @param batchId   the import batch the entry names, when it concerns her as one of its persons
     */
    record Access(Instant at, String actor, boolean systemJob, String action, String kind, String municipality,
                  String context, Long batchId) {
    }
}
