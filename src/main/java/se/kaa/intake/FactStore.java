package se.kaa.intake;

import java.util.Collection;
import java.util.List;
import java.util.UUID;


/** Reads the facts held about persons, for the target-group computation and person pages. */
public interface FactStore {

    /** Facts for each of the persons, in bulk (missing ids are left out). */
    List<PersonFacts> factsFor(Collection<UUID> personIds);

    /**
     * Hands the persons whose facts an import batch changed to {@code chunk}, {@code chunkSize} at a
     * time, streamed from the database so that memory does not grow with the batch: the persons of
     * its rows (applied, held or withdrawn). For a municipality's new latest folkbokföring snapshot,
     * those it can have changed compared with the snapshot before it (new, listed differently, gone –
     * being missing from a snapshot means having moved out –, listed elsewhere in between, turned 15
     * in between); for any other snapshot (the first, one out of order, a withdrawn one) everyone ever
     * registered in its municipality, in the order of their id.
     *
     * @return how many persons were handed over
     */
    long forEachPersonAffectedBy(long batchId, int chunkSize, java.util.function.Consumer<List<UUID>> chunk);
}
