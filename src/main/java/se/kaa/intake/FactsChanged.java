package se.kaa.intake;

import java.util.Set;
import java.util.UUID;

/**
 * Published, in the transaction that committed them, when facts about persons changed (an import, a
 * notice, a correction, a batch confirmed or withdrawn); the target group is recomputed for them. It
 * is recorded in the event publication registry with the facts, so that the recomputation is done
 * even when the process dies right after the commit.
 *
 * @param personIds the persons concerned; empty when {@code batchId} is given (a batch can name a
 *                  million persons: they are read from the batch, never carried in the event)
 * @param cause     a short English label for logs, e.g. "inskrivningar import batch 41"
 * @param batchId   the import batch whose persons changed ({@link FactStore#forEachPersonAffectedBy}),
 *                  or {@code null}
 */
public record FactsChanged(Set<UUID> personIds, String cause, Long batchId) {

    public FactsChanged {
        personIds = personIds == null ? Set.of() : Set.copyOf(personIds);
    }

    public FactsChanged(Set<UUID> personIds, String cause) {
        this(personIds, cause, null);
    }

    /** The facts of an import batch changed (applied, confirmed or withdrawn). */
    public static FactsChanged ofBatch(long batchId, String cause) {
        return new FactsChanged(Set.of(), cause, batchId);
    }
}
